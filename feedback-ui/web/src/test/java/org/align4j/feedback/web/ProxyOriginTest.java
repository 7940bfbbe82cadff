package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Audit defect 7: behind a reverse proxy that rewrites Host to the app's own address, the browser's
 * Origin is the public address, so every POST (login included) was refused.
 */
class ProxyOriginTest {
    private static final String PUBLIC = "https://feedback.example.org";

    private static ApiClient.Response loginVia(ServerFixture f, Map<String, String> extraHeaders) {
        ApiClient c = f.client();
        String token = c.get("/api/login/csrf").json().get("csrfToken").asText();
        Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
        headers.put(AccessControl.CSRF_HEADER, token);
        return c.send("POST", "/api/login", ApiClient.body(Map.of("username", "ann", "password", Fixtures.PASSWORD)), headers);
    }

    @Test
    void withoutAPublicOriginTheProxiedLoginIsRefusedWithAHint() {
        try (ServerFixture f = new ServerFixture()) {
            ApiClient.Response r = loginVia(f, Map.of("Origin", PUBLIC));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).contains("--public-origin");
        }
    }

    @Test
    void withThePublicOriginConfiguredLoginAndRatingPassAndOtherOriginsStillFail() {
        try (ServerFixture f = new ServerFixture(ServerConfig.loopback().withPublicOrigin(PUBLIC + ":443/"),
                PasswordCheckLimiter.defaults(), r -> { })) {
            assertThat(loginVia(f, Map.of("Origin", PUBLIC)).status()).isEqualTo(200);
            assertThat(loginVia(f, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
            assertThat(loginVia(f, Map.of("Origin", "http://feedback.example.org")).status()).as("another scheme").isEqualTo(403);

            ApiClient ann = f.loggedIn("ann");
            ApiClient.Response rated = ann.send("POST", "/api/ratings",
                    ApiClient.body(Map.of("responseId", f.first.responseIds().get(0), "value", "up")),
                    Map.of(AccessControl.CSRF_HEADER, ann.csrf, "Origin", PUBLIC));
            assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        }
    }

    @Test
    void forwardedHostIsBelievedOnlyFromATrustedProxy() {
        Map<String, String> viaProxy = Map.of("Origin", PUBLIC, "X-Forwarded-Host", "feedback.example.org");
        try (ServerFixture f = new ServerFixture()) {
            assertThat(loginVia(f, viaProxy).status()).as("untrusted peer").isEqualTo(403);
        }
        try (ServerFixture f = new ServerFixture(ServerConfig.loopback().withTrustedProxies(Set.of("127.0.0.1")),
                PasswordCheckLimiter.defaults(), r -> { })) {
            assertThat(loginVia(f, viaProxy).status()).isEqualTo(200);
            assertThat(loginVia(f, Map.of("Origin", "https://evil.example", "X-Forwarded-Host", "feedback.example.org")).status())
                    .isEqualTo(403);
        }
    }
}
