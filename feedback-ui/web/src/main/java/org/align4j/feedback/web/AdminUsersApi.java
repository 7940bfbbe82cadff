package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.Session;
import org.align4j.feedback.auth.SessionStore;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.auth.UserStore;
import org.align4j.feedback.db.ConflictException;

/**
 * Account management from the admin page, admins only (the CSRF and Origin rules of
 * {@link AccessControl} apply to every POST): list accounts and live sessions, add a doctor or an
 * admin, reset a password, disable or re-enable an account. A reset or a disable ends the
 * account's sessions at once; an admin cannot disable their own account.
 */
record AdminUsersApi(UserStore users, SessionStore sessions) {
    void register(RoutesConfig routes) {
        routes.get("/api/admin/users", this::list, Access.ADMIN);
        routes.post("/api/admin/users", this::add, Access.ADMIN);
        routes.post("/api/admin/users/{username}/password", this::resetPassword, Access.ADMIN);
        routes.post("/api/admin/users/{username}/active", this::setActive, Access.ADMIN);
        routes.get("/api/admin/sessions", this::liveSessions, Access.ADMIN);
    }

    /** GET → {"users": [{"username", "displayName", "role", "active", "createdAt", "sessions"}]}. */
    private void list(Context ctx) {
        Map<String, Long> perUser = sessions.live().stream()
                .collect(Collectors.groupingBy(SessionStore.Live::username, Collectors.counting()));
        List<Map<String, Object>> out = users.accounts().stream().map(a -> Map.<String, Object>of(
                "username", a.user().username(), "displayName", a.user().displayName(), "role", a.user().role().dbName(),
                "active", a.active(), "createdAt", a.createdAt(), "sessions", perUser.getOrDefault(a.user().username(), 0L)))
                .toList();
        Json.send(ctx, 200, Map.of("users", out));
    }

    /** GET → {"sessions": [{"username", "createdAt", "expiresAt"}]}, newest first. */
    private void liveSessions(Context ctx) {
        Json.send(ctx, 200, Map.of("sessions", sessions.live()));
    }

    /** POST {"username", "displayName", "password", "role": "doctor" | "admin"} → 201 with the account. */
    private void add(Context ctx) {
        Requests.NewUser req = Json.body(ctx, Requests.NewUser.class);
        Role role = req.role() == null ? Role.DOCTOR : parseRole(req.role());
        char[] password = Requests.requiredText(req.password(), "password").toCharArray();
        User u;
        try {
            u = users.add(Requests.requiredText(req.username(), "username"), req.displayName(), password, role);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        Json.send(ctx, 201, Map.of("username", u.username(), "displayName", u.displayName(), "role", u.role().dbName()));
    }

    /** POST {"password"} → 200; the account's other sessions end. */
    private void resetPassword(Context ctx) {
        Requests.NewPassword req = Json.body(ctx, Requests.NewPassword.class);
        char[] password = Requests.requiredText(req.password(), "password").toCharArray();
        User u;
        try {
            u = users.setPassword(ctx.pathParam("username"), password);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        int ended = sessions.endAll(u.id(), ctx.cookie(AccessControl.SESSION_COOKIE));
        Json.send(ctx, 200, Map.of("username", u.username(), "sessionsEnded", ended));
    }

    /** POST {"active": false | true} → 200; disabling ends the account's sessions. */
    private void setActive(Context ctx) {
        Requests.Active req = Json.body(ctx, Requests.Active.class);
        if (req.active() == null) {
            throw new BadRequestResponse("field 'active' is missing: give true or false");
        }
        Session me = AccessControl.session(ctx);
        String target = ctx.pathParam("username");
        if (!req.active() && users.find(target).map(u -> u.id() == me.user().id()).orElse(false)) {
            throw new ConflictException("you cannot disable your own account: ask another admin");
        }
        User u = users.setActive(target, req.active());
        int ended = req.active() ? 0 : sessions.endAll(u.id(), null);
        Json.send(ctx, 200, Map.of("username", u.username(), "active", req.active(), "sessionsEnded", ended));
    }

    private static Role parseRole(String role) {
        try {
            return Role.ofAccount(role);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("field 'role': " + e.getMessage());
        }
    }
}
