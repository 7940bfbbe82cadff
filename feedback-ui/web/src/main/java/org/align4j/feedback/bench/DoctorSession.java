package org.align4j.feedback.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One doctor logged in to a feedback server on loopback through the real flow (login CSRF cookie,
 * {@code POST /api/login}, session cookie and CSRF token), posting ratings on one keep-alive
 * connection. The load generator of {@link RatingBenchmark} and of the live-loop crash tests.
 * Not thread-safe: one session per client thread.
 */
public final class DoctorSession implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    private final LoopbackHttp http;
    private final String username;
    private final String cookie;
    private final String csrf;

    private DoctorSession(LoopbackHttp http, String username, String cookie, String csrf) {
        this.http = http;
        this.username = username;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    /** Connects to {@code 127.0.0.1:port} and logs in; an IOException says why the login failed. */
    public static DoctorSession login(int port, String username, String password) throws IOException {
        LoopbackHttp http = new LoopbackHttp(port);
        try {
            LoopbackHttp.Response t = http.send("GET", "/api/login/csrf", null, null, null);
            String loginCsrf = csrf(t.body());
            LoopbackHttp.Response r = http.send("POST", "/api/login", "align_login_csrf=" + loginCsrf, loginCsrf,
                    "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
            if (r.status() != 200 || r.sessionCookie() == null) {
                throw new IOException("login of " + username + " failed: HTTP " + r.status() + " " + r.body());
            }
            return new DoctorSession(http, username, r.sessionCookie(), csrf(r.body()));
        } catch (IOException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The account this session belongs to. */
    public String username() {
        return username;
    }

    /**
     * Posts 👍 ({@code up}) or 👎 on answer {@code responseId} and returns the HTTP status: 201 means
     * the rating was acknowledged (committed). An IOException means no answer came (e.g. the server died).
     */
    public int rate(long responseId, boolean up) throws IOException {
        String body = "{\"responseId\":" + responseId + ",\"value\":\"" + (up ? "up" : "down") + "\"}";
        return http.send("POST", "/api/ratings", cookie, csrf, body).status();
    }

    private static String csrf(String json) throws IOException {
        Matcher m = CSRF.matcher(json);
        if (!m.find()) {
            throw new IOException("no csrfToken in " + json);
        }
        return m.group(1);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
