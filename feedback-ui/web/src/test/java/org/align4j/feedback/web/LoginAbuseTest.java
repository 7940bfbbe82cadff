package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;

/** Audit defects 1 and 4 through HTTP: parallel guessing and bcrypt floods. */
class LoginAbuseTest {
    /** Sends {@code n} logins at once, each from its own client that already holds a login CSRF token; the statuses. */
    private static List<Integer> parallelLogins(ServerFixture f, int n, IntFunction<String[]> credentials) throws Exception {
        List<ApiClient> clients = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ApiClient c = f.client();
            tokens.add(c.get("/api/login/csrf").json().get("csrfToken").asText());
            clients.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            results.add(pool.submit(() -> {
                String[] cred = credentials.apply(k);
                go.await();
                return clients.get(k).send("POST", "/api/login", ApiClient.body(Map.of("username", cred[0], "password", cred[1])),
                        Map.of(AccessControl.CSRF_HEADER, tokens.get(k))).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> r : results) {
            statuses.add(r.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return statuses;
    }

    @Test
    void fortyParallelWrongGuessesGetAtMostTheAllowedNumberOfChecks() throws Exception {
        // A limiter wide enough that only the per-name throttle is at work.
        try (ServerFixture f = new ServerFixture(ServerConfig.loopback(), new PasswordCheckLimiter(64, 64, 10_000), r -> { })) {
            List<Integer> statuses = parallelLogins(f, 40, i -> new String[] {"ann", "guess number " + i});
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(LoginThrottle.MAX_FAILURES);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(40 - LoginThrottle.MAX_FAILURES);
            assertThat(f.client().login("ann", Fixtures.PASSWORD).status()).as("the right password while locked").isEqualTo(429);
        }
    }

    @Test
    void aFloodOfLoginsFromOneAddressGetsOnlyItsShareOfPasswordChecks() throws Exception {
        try (ServerFixture f = new ServerFixture(new org.align4j.feedback.auth.PasswordHasher(10), ServerConfig.loopback(),
                new PasswordCheckLimiter(1, 2, 0), r -> { })) {
            // Distinct made-up names, so the per-name throttle plays no part; slow hashes keep the checks overlapping.
            List<Integer> statuses = parallelLogins(f, 16,
                    i -> new String[] {"nobody-" + i, "a wrong password that is long enough to cost " + i});
            assertThat(statuses).allMatch(s -> s == 401 || s == 429 || s == 503);
            assertThat(statuses).filteredOn(s -> s == 401).as("checks that ran").hasSizeLessThan(16);
            assertThat(statuses).filteredOn(s -> s == 429 || s == 503).as("refused before hashing").isNotEmpty();
            assertThat(f.loggedIn("ann")).as("a doctor can still log in afterwards").isNotNull();
        }
    }

    @Test
    void aMissingUserNameOrPasswordIsA400NamingTheField() {
        try (ServerFixture f = new ServerFixture()) {
            ApiClient c = f.client();
            String token = c.get("/api/login/csrf").json().get("csrfToken").asText();
            ApiClient.Response r = c.send("POST", "/api/login", "{\"username\": \"ann\"}", Map.of(AccessControl.CSRF_HEADER, token));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("field 'password' is missing");
        }
    }
}
