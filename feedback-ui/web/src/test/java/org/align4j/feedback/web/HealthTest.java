package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and audit defect 3: after a fatal store error the app must not live on as a zombie. */
class HealthTest {
    @Test
    void aHealthyAppAnswers200OnBothProbesWithoutLoggingIn() {
        try (ServerFixture f = new ServerFixture()) {
            ApiClient anyone = f.client();
            ApiClient.Response h = anyone.get("/healthz");
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.json().get("status").asText()).isEqualTo("ok");
            assertThat(h.json().get("problems")).isEmpty();
            assertThat(anyone.get("/readyz").status()).isEqualTo(200);
            assertThat(f.store.sql().number("SELECT COUNT(*) FROM job_locks")).as("the write probe leaves nothing").isZero();
        }
    }

    @Test
    void aSchemaNewerThanThisBuildIsUnhealthy() {
        try (ServerFixture f = new ServerFixture()) {
            f.store.sql().inTransaction(tx -> tx.update("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\","
                    + " \"success\") VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, TRUE)"));
            ApiClient.Response h = f.client().get("/healthz");
            assertThat(h.status()).isEqualTo(503);
            assertThat(h.json().get("problems").get(0).asText()).contains("schema not current").contains("999");
            assertThat(f.client().get("/readyz").status()).isEqualTo(503);
        }
    }

    @Test
    void afterTheStoreBreaksEveryRequestIs503AndTheFatalHandlerRunsOnce() {
        List<String> fatal = new CopyOnWriteArrayList<>();
        try (ServerFixture f = new ServerFixture(ServerConfig.loopback(), PasswordCheckLimiter.defaults(), fatal::add)) {
            ApiClient ann = f.loggedIn("ann");
            f.store.close(); // what the audit's full disk did: the store closed under the running app

            ApiClient.Response rated = ann.post("/api/ratings", Map.of("responseId", f.first.responseIds().get(0), "value", "up"));
            assertThat(rated.status()).isEqualTo(503);
            assertThat(rated.json().get("error").asText()).contains("restarting");
            assertThat(fatal).hasSize(1);
            assertThat(fatal.get(0)).contains("not writable");

            assertThat(ann.get("/").status()).as("pages must not say 200 either").isEqualTo(503);
            assertThat(ann.get("/api/queue/next").status()).isEqualTo(503);
            ApiClient.Response h = f.client().get("/healthz");
            assertThat(h.status()).isEqualTo(503);
            assertThat(h.json().get("problems").get(0).asText()).contains("fatal store error");
            assertThat(f.client().get("/readyz").status()).isEqualTo(503);
            assertThat(fatal).hasSize(1);
        }
    }

    @Test
    void aStoreErrorThatLeavesTheDatabaseWorkingIsNotFatalAndProbesAreReused() {
        List<String> fatal = new CopyOnWriteArrayList<>();
        Fixtures.MutableClock clock = new Fixtures.MutableClock();
        try (FeedbackStore store = Fixtures.memoryStore()) {
            StoreHealth health = new StoreHealth(store, clock, fatal::add);
            health.storeFailed(new org.align4j.feedback.db.StoreException("lock timeout on table ratings"));
            assertThat(fatal).isEmpty();
            assertThat(health.fatal()).isEmpty();
            StoreHealth.Report first = health.report();
            assertThat(first.healthy()).isTrue();
            assertThat(health.report()).as("within the probe interval").isSameAs(first);
            clock.advance(StoreHealth.PROBE_INTERVAL);
            assertThat(health.report()).isNotSameAs(first);
        }
    }

    @Test
    void theServiceExitsWithStatus3AfterAFatalStoreErrorSoASupervisorRestartsIt() throws Exception {
        LinkedBlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
        List<String> log = new CopyOnWriteArrayList<>();
        FeedbackService service = FeedbackService.start("jdbc:h2:mem:" + java.util.UUID.randomUUID(), ServerConfig.loopback(),
                log::add, exits::add);
        try {
            FeedbackStore store = service.store();
            store.close();
            ApiClient c = new ApiClient(service.port());
            assertThat(c.get("/api/login/csrf").status()).isEqualTo(200);
            String token = c.get("/api/login/csrf").json().get("csrfToken").asText();
            ApiClient.Response r = c.send("POST", "/api/login", ApiClient.body(Map.of("username", "ann", "password", Fixtures.PASSWORD)),
                    Map.of(AccessControl.CSRF_HEADER, token));
            assertThat(r.status()).isEqualTo(503);
            assertThat(exits.poll(10, TimeUnit.SECONDS)).isEqualTo(FeedbackService.EXIT_STORE_FAILED);
            assertThat(log).anySatisfy(l -> assertThat(l).contains("exiting with status 3"));
        } finally {
            service.stop();
        }
    }
}
