package org.align4j.feedback.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.align4j.feedback.auth.Session;
import org.align4j.feedback.auth.SessionStore;

/**
 * Runs before every matched route: finds the session, checks the route's role and, for every
 * state-changing request, the CSRF token and the Origin.
 *
 * <ul>
 *   <li>A route with no role is refused to everyone (deny by default).</li>
 *   <li>{@link Access#DOCTOR} routes admit doctors and admins; {@link Access#ADMIN} routes admins only.</li>
 *   <li>Without a live session an API call gets 401 and a page a redirect to {@code /login}.</li>
 *   <li>POST/PUT/PATCH/DELETE must carry {@code X-CSRF-Token} equal to the session's token
 *       (synchronizer token), and an {@code Origin}, if sent, naming this server ({@link OriginCheck}); else 403.</li>
 * </ul>
 */
record AccessControl(SessionStore sessions, OriginCheck origins) {
    static final String SESSION_COOKIE = "align_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = "align.session";

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        if (roles.isEmpty()) {
            throw new ForbiddenResponse("this route has no access rule");
        }
        Optional<Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            if (isApi(ctx)) {
                throw new UnauthorizedResponse("log in first");
            }
            ctx.redirect("/login");
            return;
        }
        Session s = session.get();
        boolean allowed = roles.contains(Access.ADMIN) && s.user().isAdmin()
                || roles.contains(Access.DOCTOR);
        if (!allowed) {
            throw new ForbiddenResponse("this page is for admins only");
        }
        if (isStateChanging(ctx)) {
            origins.check(ctx);
            if (!tokensEqual(ctx.header(CSRF_HEADER), s.csrfToken())) {
                throw new ForbiddenResponse("missing or wrong " + CSRF_HEADER + " header: reload the page");
            }
        }
        ctx.attribute(SESSION_ATTRIBUTE, s);
    }

    /** The session that {@link #check} found for this request. */
    static Session session(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTRIBUTE);
        if (s == null) {
            throw new UnauthorizedResponse("log in first");
        }
        return s;
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    static boolean isStateChanging(Context ctx) {
        HandlerType m = ctx.method();
        return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
    }

    /** Constant-time comparison of a presented token with the expected one. */
    static boolean tokensEqual(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
