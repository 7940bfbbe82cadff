package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DoctorApiTest {
    @AutoClose
    private static final ServerFixture f = new ServerFixture();

    @Test
    void aDoctorLogsInSeesTheQueueAndRatesAndTheRatingIsStoredUnderTheirName() {
        ApiClient c = f.loggedIn("ann");
        JsonNode me = c.get("/api/me").json();
        assertThat(me.get("username").asText()).isEqualTo("ann");
        assertThat(me.get("role").asText()).isEqualTo("doctor");

        JsonNode item = c.get("/api/queue/next?mode=rate").json().get("item");
        long responseId = item.get("responseId").asLong();
        assertThat(responseId).isEqualTo(f.first.responseIds().get(0));
        assertThat(item.get("prompt").asText()).startsWith("布洛芬");
        assertThat(item.has("modelVersion")).isFalse();

        ApiClient.Response r = c.post("/api/ratings", Map.of("responseId", responseId, "value", "up", "comment", "准确 accurate"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("ratingId").asLong()).isPositive();
        String row = f.store.sql().read(tx -> tx.one("SELECT u.username || ':' || r.vote || ':' || r.comment FROM ratings r"
                + " JOIN users u ON u.id = r.user_id WHERE r.response_id = ?", rs -> rs.getString(1), responseId)).orElseThrow();
        assertThat(row).isEqualTo("ann:1:准确 accurate");

        assertThat(c.post("/api/ratings", Map.of("responseId", responseId, "value", "down")).status()).isEqualTo(409);
        assertThat(c.get("/api/queue/next?mode=rate").json().get("item").get("responseId").asLong()).isNotEqualTo(responseId);
    }

    @Test
    void compareCorrectAndSkipWorkThroughTheApi() {
        ApiClient c = f.loggedIn("bob");
        JsonNode pair = c.get("/api/queue/next?mode=compare").json().get("item");
        long a = pair.get("responseAId").asLong();
        long b = pair.get("responseBId").asLong();
        assertThat(c.post("/api/comparisons", Map.of("responseAId", a, "responseBId", b, "choice", "BOTH_BAD")).status()).isEqualTo(201);
        JsonNode nextPair = c.get("/api/queue/next?mode=compare").json().get("item");
        assertThat(java.util.Set.of(nextPair.get("responseAId").asLong(), nextPair.get("responseBId").asLong()))
                .isNotEqualTo(java.util.Set.of(a, b));

        long answer = f.second.responseIds().get(1);
        assertThat(c.post("/api/corrections", Map.of("responseId", answer, "text", "60–100 beats per minute.")).status()).isEqualTo(201);
        assertThat(c.post("/api/skips", Map.of("responseAId", nextPair.get("responseAId").asLong(),
                "responseBId", nextPair.get("responseBId").asLong())).status()).isEqualTo(200);
        assertThat(c.post("/api/skips", Map.of("responseId", f.second.responseIds().get(0))).status()).isEqualTo(200);
        assertThat(f.store.sql().number("SELECT COUNT(*) FROM skips WHERE user_id = ?", f.bob.id())).isEqualTo(2);
        assertThat(f.store.sql().number("SELECT COUNT(*) FROM corrections WHERE user_id = ?", f.bob.id())).isEqualTo(1);
    }

    @Test
    void malformedRequestsAreAnswered400WithTheReason() {
        ApiClient c = f.loggedIn("ann");
        ApiClient.Response unknown = c.post("/api/ratings", Map.of("responseId", 1, "value", "up", "userId", f.bob.id()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).contains("unknown field 'userId'");
        assertThat(c.post("/api/ratings", Map.of("responseId", 1, "value", "meh")).json().get("error").asText())
                .contains("allowed values are \"up\", \"down\" and \"unsafe\"");
        assertThat(c.post("/api/ratings", Map.of("value", "up")).json().get("error").asText()).contains("'responseId' is missing");
        assertThat(c.post("/api/ratings", "{not json").status()).isEqualTo(400);
        assertThat(c.post("/api/ratings", "").status()).isEqualTo(400);
        assertThat(c.get("/api/queue/next?mode=other").status()).isEqualTo(400);
        assertThat(c.post("/api/skips", Map.of()).status()).isEqualTo(400);
        assertThat(c.post("/api/ratings", Map.of("responseId", 987654, "value", "up")).status()).isEqualTo(404);
    }

    @Test
    void wrongPasswordsAreRefusedAndRepeatedGuessingIsThrottled() {
        ApiClient c = f.client();
        assertThat(c.login("ann", "wrong password").status()).isEqualTo(401);
        assertThat(c.login("nobody", Fixtures.PASSWORD).status()).isEqualTo(401);
        Fixtures.doctor(f.store, "target");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(c.login("target", "guess number " + i).status()).isEqualTo(401);
        }
        assertThat(c.login("target", Fixtures.PASSWORD).status()).isEqualTo(429);
        assertThat(c.cookie(AccessControl.SESSION_COOKIE)).isNull();
    }

    @Test
    void logoutEndsTheSession() {
        ApiClient c = f.loggedIn("ann");
        assertThat(c.post("/api/logout", Map.of()).status()).isEqualTo(200);
        assertThat(c.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void pagesAssetsAndApiCarrySecurityHeadersAndUtf8() {
        ApiClient c = f.loggedIn("ann");
        for (String path : new String[] {"/", "/login", "/static/queue.js", "/api/me"}) {
            ApiClient.Response r = c.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(path).contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
        assertThat(c.get("/").header("Content-Type").replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(c.get("/").body()).contains("评分 Rate");
        assertThat(c.get("/api/me").header("Content-Type").replace(" ", "")).isEqualToIgnoringCase("application/json;charset=utf-8");
        assertThat(c.get("/api/me").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        ApiClient c = f.client();
        String loginToken = c.get("/api/login/csrf").json().get("csrfToken").asText();
        ApiClient.Response r = c.send("POST", "/api/login", ApiClient.body(Map.of("username", "ann", "password", Fixtures.PASSWORD)),
                Map.of(AccessControl.CSRF_HEADER, loginToken));
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("align_session=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    }
}
