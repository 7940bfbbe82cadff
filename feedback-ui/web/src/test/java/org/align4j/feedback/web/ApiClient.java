package org.align4j.feedback.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A scripted browser for API tests: keeps cookies, echoes the CSRF token, never follows redirects. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    String csrf;

    ApiClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Logs in through the real flow (login CSRF token, then credentials); returns the login response. */
    Response login(String username, String password) {
        Response t = get("/api/login/csrf");
        String loginToken = t.json().get("csrfToken").asText();
        Response r = send("POST", "/api/login", body(Map.of("username", username, "password", password)),
                Map.of(AccessControl.CSRF_HEADER, loginToken));
        if (r.status() == 200) {
            csrf = r.json().get("csrfToken").asText();
        }
        return r;
    }

    Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** A POST with this session's CSRF token. */
    Response post(String path, Object body) {
        return send("POST", path, body instanceof String s ? s : body(body),
                csrf == null ? Map.of() : Map.of(AccessControl.CSRF_HEADER, csrf));
    }

    Response send(String method, String path, String body, Map<String, String> headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** A POST with this session's CSRF token and these exact body bytes (e.g. invalid UTF-8). */
    Response postBytes(String path, byte[] body) {
        return sendBytes("POST", path, body, csrf == null ? Map.of() : Map.of(AccessControl.CSRF_HEADER, csrf));
    }

    Response sendBytes(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    void setCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setDomain(base.getHost()); // the identity the cookie manager gives server-set cookies, so one replaces the other
        c.setVersion(0);
        cookies.getCookieStore().add(base, c);
    }

    /** The value of a cookie set by a response's Set-Cookie header. */
    static String setCookieValue(Response r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "="))
                .map(h -> h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')))
                .findFirst().orElse(null);
    }

    void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    static String body(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
