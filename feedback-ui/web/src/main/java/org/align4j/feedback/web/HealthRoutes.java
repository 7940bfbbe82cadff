package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probes for a supervisor or load balancer, open to all (they reveal no data):
 * <ul>
 *   <li>{@code GET /healthz}: 200 when the database takes a write and its schema is current, else 503
 *       with the problems ({@link StoreHealth});</li>
 *   <li>{@code GET /readyz}: 200 while the app serves and is healthy; 503 while it stops, or after a
 *       fatal store error, so a load balancer sends no new work.</li>
 * </ul>
 * After a fatal store error every other request is answered 503 too.
 */
final class HealthRoutes {
    private final StoreHealth health;
    private volatile boolean serving;

    HealthRoutes(StoreHealth health) {
        this.health = health;
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", this::healthz, Access.PUBLIC);
        routes.get("/readyz", this::readyz, Access.PUBLIC);
    }

    void serving(boolean value) {
        serving = value;
    }

    /** Before every request: after a fatal store error, nothing but the probes is served. */
    void refuseWhenBroken(Context ctx) {
        if (health.fatal().isPresent() && !ctx.path().equals("/healthz") && !ctx.path().equals("/readyz")) {
            throw new HttpResponseException(503, "the database is unusable; the app is restarting: try again in a minute");
        }
    }

    private void healthz(Context ctx) {
        StoreHealth.Report r = health.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", r.healthy() ? "ok" : "unhealthy");
        out.put("checkedAt", r.at());
        out.put("problems", r.problems());
        Json.send(ctx, r.healthy() ? 200 : 503, out);
    }

    private void readyz(Context ctx) {
        StoreHealth.Report r = health.report();
        boolean ready = serving && r.healthy();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", ready ? "ready" : "not ready");
        out.put("serving", serving);
        out.put("problems", r.problems());
        Json.send(ctx, ready ? 200 : 503, out);
    }
}
