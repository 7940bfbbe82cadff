package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Each attack from the issue, tried against the running server, and refused. */
class SecurityTest {
    /** Every route that needs a login, with a body that would be valid for a logged-in doctor. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/", null},
            new String[] {"GET", "/admin", null},
            new String[] {"GET", "/api/me", null},
            new String[] {"GET", "/api/queue/next?mode=rate", null},
            new String[] {"GET", "/api/queue/next?mode=compare", null},
            new String[] {"GET", "/api/admin/stats", null},
            new String[] {"POST", "/api/logout", "{}"},
            new String[] {"POST", "/api/ratings", "{\"responseId\":1,\"value\":\"up\"}"},
            new String[] {"POST", "/api/comparisons", "{\"responseAId\":1,\"responseBId\":2,\"choice\":\"A\"}"},
            new String[] {"POST", "/api/corrections", "{\"responseId\":1,\"text\":\"x\"}"},
            new String[] {"POST", "/api/skips", "{\"responseId\":1}"});

    @AutoClose
    private static final ServerFixture f = new ServerFixture();

    private static long writes() {
        return f.store.sql().number("SELECT (SELECT COUNT(*) FROM ratings) + (SELECT COUNT(*) FROM comparisons)"
                + " + (SELECT COUNT(*) FROM corrections) + (SELECT COUNT(*) FROM skips)");
    }

    @Test
    void everyEndpointRefusesTheUnauthenticated() {
        long before = writes();
        ApiClient anonymous = f.client();
        for (String[] route : PROTECTED) {
            ApiClient.Response r = anonymous.send(route[0], route[1], route[2], Map.of(AccessControl.CSRF_HEADER, "x"));
            if (route[1].startsWith("/api/")) {
                assertThat(r.status()).as(route[0] + " " + route[1]).isEqualTo(401);
            } else {
                assertThat(r.status()).as(route[1]).isEqualTo(302);
                assertThat(r.header("Location")).as(route[1]).endsWith("/login");
            }
        }
        ApiClient forged = f.client();
        forged.setCookie(AccessControl.SESSION_COOKIE, "forged-token");
        assertThat(forged.get("/api/me").status()).isEqualTo(401);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aDoctorCannotReachAdminPagesButAnAdminCan() {
        ApiClient doctor = f.loggedIn("ann");
        assertThat(doctor.get("/admin").status()).isEqualTo(403);
        assertThat(doctor.get("/api/admin/stats").status()).isEqualTo(403);
        ApiClient admin = f.loggedIn("root");
        assertThat(admin.get("/admin").status()).isEqualTo(200);
        JsonNode stats = admin.get("/api/admin/stats").json();
        assertThat(stats.has("agreement")).isTrue();
        assertThat(stats.get("perDoctor").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDoctorCannotActAsAnother() {
        ApiClient ann = f.loggedIn("ann");
        long answer = f.second.responseIds().get(0);
        Map<String, Object> body = new HashMap<>(Map.of("responseId", answer, "value", "down"));
        body.put("userId", f.bob.id());
        assertThat(ann.post("/api/ratings", body).status()).isEqualTo(400);
        body.remove("userId");
        body.put("username", "bob");
        assertThat(ann.post("/api/ratings", body).status()).isEqualTo(400);
        ApiClient bob = f.loggedIn("bob");
        ApiClient.Response mixed = ann.send("POST", "/api/ratings", ApiClient.body(Map.of("responseId", answer, "value", "down")),
                Map.of(AccessControl.CSRF_HEADER, bob.csrf));
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(f.store.sql().number("SELECT COUNT(*) FROM ratings WHERE user_id = ? AND response_id = ?", f.bob.id(), answer)).isZero();
    }

    @Test
    void stateChangingRequestsWithoutTheRightCsrfTokenOrFromAnotherOriginAreRefused() {
        ApiClient c = f.loggedIn("ann");
        long before = writes();
        String body = ApiClient.body(Map.of("responseId", f.second.responseIds().get(1), "value", "up"));
        assertThat(c.send("POST", "/api/ratings", body, Map.of()).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/ratings", body, Map.of(AccessControl.CSRF_HEADER, "guess")).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/ratings", body, Map.of(AccessControl.CSRF_HEADER, c.csrf + "x")).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/ratings", body, Map.of(AccessControl.CSRF_HEADER, c.csrf,
                "Origin", "https://evil.example")).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/ratings", body, Map.of(AccessControl.CSRF_HEADER, c.csrf,
                "Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/logout", "{}", Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/api/me").status()).isEqualTo(200);
        assertThat(writes()).isEqualTo(before);
        assertThat(c.send("POST", "/api/ratings", body, Map.of(AccessControl.CSRF_HEADER, c.csrf,
                "Origin", "http://127.0.0.1:" + f.server.port())).status()).isEqualTo(201);
    }

    @Test
    void loginNeedsTheLoginCsrfTokenSoAnotherSiteCannotLogTheBrowserIn() {
        ApiClient c = f.client();
        String body = ApiClient.body(Map.of("username", "ann", "password", Fixtures.PASSWORD));
        assertThat(c.send("POST", "/api/login", body, Map.of()).status()).isEqualTo(403);
        c.get("/api/login/csrf");
        assertThat(c.send("POST", "/api/login", body, Map.of(AccessControl.CSRF_HEADER, "not-the-cookie")).status()).isEqualTo(403);
        assertThat(c.cookie(AccessControl.SESSION_COOKIE)).isNull();
    }

    @Test
    void storedScriptInAnAnswerOrCommentIsReturnedAsJsonTextAndNeverPutIntoHtml() {
        ApiClient c = f.loggedIn("bob");
        long xss = f.first.responseIds().get(1);
        c.post("/api/skips", Map.of("responseId", f.first.responseIds().get(0)));
        ApiClient.Response next = c.get("/api/queue/next?mode=rate");
        assertThat(next.header("Content-Type")).startsWith("application/json");
        JsonNode item = next.json().get("item");
        assertThat(item.get("responseId").asLong()).isEqualTo(xss);
        assertThat(item.get("answer").asText()).isEqualTo(ServerFixture.XSS_ANSWER);
        String comment = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        assertThat(c.post("/api/ratings", Map.of("responseId", xss, "value", "down", "comment", comment)).status()).isEqualTo(201);
        ApiClient admin = f.loggedIn("root");
        for (String page : new String[] {"/", "/admin", "/login"}) {
            String html = admin.get(page).body();
            assertThat(html).as(page).doesNotContain("onerror").doesNotContain("__xss").doesNotContain("alert(");
        }
        for (String script : new String[] {"common.js", "queue.js", "admin.js", "charts.js", "login.js"}) {
            assertThat(c.get("/static/" + script).body()).as(script).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(");
        }
    }

    @Test
    void sqlInjectionInEveryParameterIsInert() {
        String[] payloads = {"' OR '1'='1", "1; DROP TABLE ratings; --", "\" OR \"\"=\"", "1) OR (1=1", "'; DELETE FROM users; --"};
        long users = f.store.sql().number("SELECT COUNT(*) FROM users");
        for (String p : payloads) {
            ApiClient c = f.client();
            assertThat(c.login(p, p).status()).as("login " + p).isEqualTo(401);
            assertThat(c.login("ann", p).status()).as("password " + p).isEqualTo(401);
            ApiClient cookie = f.client();
            cookie.setCookie(AccessControl.SESSION_COOKIE, p.replace(";", "").replace("\"", "").replace(" ", ""));
            assertThat(cookie.get("/api/me").status()).as("cookie " + p).isEqualTo(401);
        }
        ApiClient c = f.loggedIn("ann");
        for (String p : payloads) {
            assertThat(c.get("/api/queue/next?mode=" + java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8)).status())
                    .isEqualTo(400);
            assertThat(c.post("/api/ratings", Map.of("responseId", p, "value", "up")).status()).as("responseId " + p).isEqualTo(400);
            assertThat(c.post("/api/ratings", Map.of("responseId", 1, "value", p)).status()).as("value " + p).isEqualTo(400);
            assertThat(c.post("/api/comparisons", Map.of("responseAId", 1, "responseBId", p, "choice", "A")).status()).isEqualTo(400);
            assertThat(c.post("/api/comparisons", Map.of("responseAId", 3, "responseBId", 4, "choice", p)).status()).isEqualTo(400);
            assertThat(c.post("/api/skips", Map.of("responseId", p)).status()).isEqualTo(400);
            assertThat(c.send("POST", "/api/skips", "{\"responseId\":1}", Map.of(AccessControl.CSRF_HEADER, p)).status()).isEqualTo(403);
        }
        long answer = f.second.responseIds().get(0);
        long other = f.second.responseIds().get(1);
        String evil = payloads[1] + payloads[0];
        assertThat(c.post("/api/ratings", Map.of("responseId", answer, "value", "up", "comment", evil)).status()).isEqualTo(201);
        assertThat(c.post("/api/corrections", Map.of("responseId", other, "text", evil, "comment", evil)).status()).isEqualTo(201);
        assertThat(c.post("/api/comparisons", Map.of("responseAId", answer, "responseBId", other, "choice", "A", "comment", evil)).status())
                .isEqualTo(201);
        String stored = f.store.sql().read(tx -> tx.one("SELECT comment FROM ratings WHERE response_id = ? AND user_id = ?",
                rs -> rs.getString(1), answer, f.ann.id())).orElseThrow();
        assertThat(stored).isEqualTo(evil);
        assertThat(f.store.sql().number("SELECT COUNT(*) FROM users")).isEqualTo(users);
        assertThat(f.store.sql().number("SELECT COUNT(*) FROM ratings")).isPositive();
    }

    @Test
    void aSessionTokenPlantedBeforeLoginIsWorthlessAfterIt() {
        // An unknown token planted by an attacker is never adopted.
        ApiClient victim = f.client();
        victim.setCookie(AccessControl.SESSION_COOKIE, "attacker-chosen-token");
        ApiClient.Response login = victim.login("ann", Fixtures.PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(ApiClient.setCookieValue(login, AccessControl.SESSION_COOKIE)).isNotEqualTo("attacker-chosen-token").hasSize(43);
        assertThat(victim.cookie(AccessControl.SESSION_COOKIE)).isNotEqualTo("attacker-chosen-token");
        ApiClient attacker = f.client();
        attacker.setCookie(AccessControl.SESSION_COOKIE, "attacker-chosen-token");
        assertThat(attacker.get("/api/me").status()).isEqualTo(401);

        // The attacker's own live session planted in the victim's browser is ended by the victim's login.
        ApiClient attackerSession = f.loggedIn("bob");
        String planted = attackerSession.cookie(AccessControl.SESSION_COOKIE);
        ApiClient victim2 = f.client();
        victim2.setCookie(AccessControl.SESSION_COOKIE, planted);
        ApiClient.Response login2 = victim2.login("ann", Fixtures.PASSWORD);
        assertThat(login2.status()).isEqualTo(200);
        String issued = ApiClient.setCookieValue(login2, AccessControl.SESSION_COOKIE);
        assertThat(victim2.cookie(AccessControl.SESSION_COOKIE)).isEqualTo(issued);
        assertThat(issued).isNotEqualTo(planted);
        assertThat(attackerSession.get("/api/me").status()).isEqualTo(401);
        assertThat(victim2.get("/api/me").json().get("username").asText()).isEqualTo("ann");
    }
}
