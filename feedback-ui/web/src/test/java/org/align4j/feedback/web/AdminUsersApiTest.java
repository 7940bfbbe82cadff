package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Account management from the admin page: admins only, CSRF-checked, effective at once. */
class AdminUsersApiTest {
    private static final String NEW_PASSWORD = "a brand new password";
    private ServerFixture f;
    private ApiClient root;

    @BeforeEach
    void start() {
        f = new ServerFixture();
        root = f.loggedIn("root");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static JsonNode account(ApiClient admin, String username) {
        for (JsonNode u : admin.get("/api/admin/users").json().get("users")) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        throw new AssertionError("no account " + username);
    }

    @Test
    void anAdminAddsADoctorWhoCanThenLogIn() {
        ApiClient.Response r = root.post("/api/admin/users",
                Map.of("username", "Chen.Wei", "displayName", "陈伟 医生", "password", Fixtures.PASSWORD, "role", "doctor"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("username").asText()).isEqualTo("chen.wei");
        assertThat(f.loggedIn("chen.wei").get("/api/me").json().get("displayName").asText()).isEqualTo("陈伟 医生");
        JsonNode listed = account(root, "chen.wei");
        assertThat(listed.get("active").asBoolean()).isTrue();
        assertThat(listed.get("role").asText()).isEqualTo("doctor");
        assertThat(listed.get("sessions").asLong()).isEqualTo(1);

        assertThat(root.post("/api/admin/users", Map.of("username", "chen.wei", "password", Fixtures.PASSWORD)).status()).isEqualTo(409);
        ApiClient.Response weak = root.post("/api/admin/users", Map.of("username", "dai", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("error").asText()).contains("at least 10");
        assertThat(root.post("/api/admin/users", Map.of("username", "dai", "password", Fixtures.PASSWORD, "role", "root")).json()
                .get("error").asText()).contains("field 'role'");
    }

    @Test
    void aPasswordResetEndsTheAccountsSessionsAndOnlyTheNewPasswordWorks() {
        ApiClient ann = f.loggedIn("ann");
        ApiClient.Response r = root.post("/api/admin/users/ann/password", Map.of("password", NEW_PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(ann.get("/api/me").status()).isEqualTo(401);
        assertThat(f.client().login("ann", Fixtures.PASSWORD).status()).isEqualTo(401);
        assertThat(f.client().login("ann", NEW_PASSWORD).status()).isEqualTo(200);

        assertThat(root.post("/api/admin/users/root/password", Map.of("password", NEW_PASSWORD)).status()).isEqualTo(200);
        assertThat(root.get("/api/me").status()).as("resetting one's own password keeps this session").isEqualTo(200);
        assertThat(root.post("/api/admin/users/nobody/password", Map.of("password", NEW_PASSWORD)).status()).isEqualTo(404);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAtOnceAndBlocksLoginUntilReEnabled() {
        ApiClient ann = f.loggedIn("ann");
        assertThat(ann.get("/api/me").status()).isEqualTo(200); // the session is now in the store's cache
        ApiClient.Response r = root.post("/api/admin/users/ann/active", Map.of("active", false));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ann.get("/api/me").status()).isEqualTo(401);
        assertThat(f.client().login("ann", Fixtures.PASSWORD).status()).isEqualTo(401);
        assertThat(account(root, "ann").get("active").asBoolean()).isFalse();

        assertThat(root.post("/api/admin/users/ann/active", Map.of("active", true)).status()).isEqualTo(200);
        assertThat(f.client().login("ann", Fixtures.PASSWORD).status()).isEqualTo(200);

        ApiClient.Response self = root.post("/api/admin/users/root/active", Map.of("active", false));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("error").asText()).contains("your own account");
        assertThat(root.post("/api/admin/users/ann/active", Map.of("active", "false")).status()).as("no coercion").isEqualTo(400);
    }

    @Test
    void theAdminSeesLiveSessionsButNoTokens() {
        f.loggedIn("ann");
        f.loggedIn("ann");
        JsonNode sessions = root.get("/api/admin/sessions").json().get("sessions");
        assertThat(sessions).hasSize(3);
        assertThat(sessions.toString()).doesNotContain("token").doesNotContain("csrf");
        assertThat(account(root, "ann").get("sessions").asLong()).isEqualTo(2);
    }

    @Test
    void doctorsAndRequestsWithoutTheCsrfTokenAreRefused() {
        ApiClient ann = f.loggedIn("ann");
        assertThat(ann.get("/api/admin/users").status()).isEqualTo(403);
        assertThat(ann.get("/api/admin/sessions").status()).isEqualTo(403);
        assertThat(ann.post("/api/admin/users", Map.of("username", "eve", "password", Fixtures.PASSWORD)).status()).isEqualTo(403);
        assertThat(ann.post("/api/admin/users/bob/active", Map.of("active", false)).status()).isEqualTo(403);
        assertThat(f.client().get("/api/admin/users").status()).isEqualTo(401);

        String csrf = root.csrf;
        root.csrf = null;
        assertThat(root.post("/api/admin/users", Map.of("username", "eve", "password", Fixtures.PASSWORD)).status()).isEqualTo(403);
        root.csrf = csrf;
        assertThat(root.send("POST", "/api/admin/users/bob/active", ApiClient.body(Map.of("active", false)),
                Map.of(AccessControl.CSRF_HEADER, csrf, "Origin", "https://evil.example")).status()).isEqualTo(403);
        assertThat(f.store.users().find("eve")).isEmpty();
        assertThat(account(root, "bob").get("active").asBoolean()).isTrue();
    }
}
