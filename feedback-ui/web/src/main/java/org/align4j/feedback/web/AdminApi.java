package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import org.align4j.feedback.refresh.RefreshRegistry;
import org.align4j.feedback.stats.AdminStats;

/** The admin page's data: GET /api/admin/stats, admins only. */
record AdminApi(AdminStats stats, RefreshRegistry refresh) {
    void register(RoutesConfig routes) {
        routes.get("/api/admin/stats", ctx -> Json.send(ctx, 200, stats.snapshot(refresh)), Access.ADMIN);
    }
}
