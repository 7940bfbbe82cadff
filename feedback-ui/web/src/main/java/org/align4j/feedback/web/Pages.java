package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The three HTML pages. They are static: no user or model text is ever put into HTML on the
 * server. The scripts fetch it as JSON and insert it with {@code textContent}, so it is shown as
 * text and never parsed as HTML.
 */
final class Pages {
    private final String login = resource("/pages/login.html");
    private final String queue = resource("/pages/queue.html");
    private final String admin = resource("/pages/admin.html");

    void register(RoutesConfig routes) {
        routes.get("/login", ctx -> html(ctx, login), Access.PUBLIC);
        routes.get("/", ctx -> html(ctx, queue), Access.DOCTOR);
        routes.get("/admin", ctx -> html(ctx, admin), Access.ADMIN);
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static String resource(String path) {
        try (InputStream in = Pages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " in the feedback-ui jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
