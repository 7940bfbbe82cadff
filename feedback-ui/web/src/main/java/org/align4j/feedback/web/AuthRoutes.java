package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import io.javalin.http.TooManyRequestsResponse;
import java.util.Map;
import java.util.Optional;
import org.align4j.feedback.auth.Session;
import org.align4j.feedback.auth.SessionStore;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.auth.UserStore;

/**
 * Login, logout and "who am I".
 *
 * <p>Login is itself protected against CSRF (login CSRF) with a double-submit token:
 * {@code GET /api/login/csrf} sets a random value in an HttpOnly, SameSite=Strict cookie and
 * returns it; {@code POST /api/login} must echo it in {@code X-CSRF-Token}. A successful login
 * always issues a new session token and ends the one the browser had, so a token planted before
 * login is worthless after it (no session fixation).
 */
record AuthRoutes(UserStore users, SessionStore sessions, LoginThrottle throttle, PasswordCheckLimiter limiter,
        OriginCheck origins, boolean secureCookies) {
    static final String LOGIN_CSRF_COOKIE = "align_login_csrf";

    void register(RoutesConfig routes) {
        routes.get("/api/login/csrf", this::loginCsrf, Access.PUBLIC);
        routes.post("/api/login", this::login, Access.PUBLIC);
        routes.post("/api/logout", this::logout, Access.DOCTOR);
        routes.get("/api/me", this::me, Access.DOCTOR);
    }

    private void loginCsrf(Context ctx) {
        String token = SessionTokens.random();
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, token, -1));
        Json.send(ctx, 200, Map.of("csrfToken", token));
    }

    private void login(Context ctx) {
        origins.check(ctx);
        if (!AccessControl.tokensEqual(ctx.header(AccessControl.CSRF_HEADER), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            throw new ForbiddenResponse("missing or wrong " + AccessControl.CSRF_HEADER + " header: reload the login page");
        }
        Requests.Login req = Json.body(ctx, Requests.Login.class);
        String username = Requests.requiredText(req.username(), "username");
        String password = Requests.requiredText(req.password(), "password");
        Optional<User> user;
        // Order matters: the address's slot first (a refused request costs nothing and counts nothing),
        // then the attempt is counted for the name, and only then is the password hashed.
        try (PasswordCheckLimiter.Permit permit = limiter.acquire(origins.clientAddress(ctx))) {
            if (!throttle.tryAttempt(username)) {
                ctx.header("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
                throw new TooManyRequestsResponse("too many failed logins for this user: wait 15 minutes");
            }
            user = users.authenticate(username, password);
        } catch (PasswordCheckLimiter.Refused e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds));
            Json.send(ctx, e.status.getCode(), Map.of("error", e.getMessage()));
            return;
        }
        if (user.isEmpty()) {
            Json.send(ctx, 401, Map.of("error", "wrong user name or password"));
            return;
        }
        throttle.succeeded(username);
        sessions.delete(ctx.cookie(AccessControl.SESSION_COOKIE));
        SessionStore.Issued issued = sessions.create(user.get());
        ctx.cookie(cookie(AccessControl.SESSION_COOKIE, issued.token(), (int) SessionStore.TTL.toSeconds()));
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, "", 0));
        Json.send(ctx, 200, me(issued.session()));
    }

    private void logout(Context ctx) {
        sessions.delete(ctx.cookie(AccessControl.SESSION_COOKIE));
        ctx.cookie(cookie(AccessControl.SESSION_COOKIE, "", 0));
        Json.send(ctx, 200, Map.of("loggedOut", true));
    }

    private void me(Context ctx) {
        Json.send(ctx, 200, me(AccessControl.session(ctx)));
    }

    private static Map<String, Object> me(Session s) {
        return Map.of("username", s.user().username(), "displayName", s.user().displayName(),
                "role", s.user().role().dbName(), "csrfToken", s.csrfToken());
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }
}
