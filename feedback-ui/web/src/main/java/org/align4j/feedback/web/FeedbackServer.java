package org.align4j.feedback.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.StoreException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback web app: pages for doctors and admins and the JSON API they use, on Javalin.
 *
 * <p>{@link #stop()} stops accepting connections, lets requests in flight finish (up to
 * {@link #STOP_TIMEOUT_MS}), then returns; the caller closes the store afterwards. The
 * {@code serve} command calls it from a shutdown hook, so SIGTERM shuts down cleanly.
 */
public final class FeedbackServer implements AutoCloseable {
    /** How long a stop waits for requests in flight. */
    public static final long STOP_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackServer.class);

    private final Javalin app;
    private final HealthRoutes health;

    private FeedbackServer(Javalin app, HealthRoutes health) {
        this.app = app;
        this.health = health;
    }

    /**
     * Starts serving {@code store}; returns once the port is bound. A fatal store error (see
     * {@link StoreHealth}) is only logged and answered 503: a process that should exit uses the
     * other overload.
     */
    public static FeedbackServer start(FeedbackStore store, ServerConfig config) {
        return start(store, config, reason -> { });
    }

    /**
     * Starts serving {@code store}; {@code onFatalStoreError} runs once, with the reason, when a
     * store error turns out to have left the database unusable (closed, not writable).
     */
    public static FeedbackServer start(FeedbackStore store, ServerConfig config, Consumer<String> onFatalStoreError) {
        return start(store, config, onFatalStoreError, PasswordCheckLimiter.defaults());
    }

    static FeedbackServer start(FeedbackStore store, ServerConfig config, Consumer<String> onFatalStoreError,
            PasswordCheckLimiter limiter) {
        OriginCheck origins = new OriginCheck(config);
        AccessControl access = new AccessControl(store.sessions(), origins);
        AuthRoutes auth = new AuthRoutes(store.users(), store.sessions(), new LoginThrottle(Clock.systemUTC()), limiter,
                origins, config.secureCookies());
        DoctorApi doctor = new DoctorApi(store.queueReader(), store.feedback());
        AdminApi admin = new AdminApi(store.stats(), store.refresh());
        AdminUsersApi adminUsers = new AdminUsersApi(store.users(), store.sessions());
        StoreHealth health = new StoreHealth(store, Clock.systemUTC(), onFatalStoreError);
        HealthRoutes healthRoutes = new HealthRoutes(health);
        Pages pages = new Pages();
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setHandler(new GracefulHandler());
            });
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.http.maxRequestSize = 2_000_000L;
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/public";
                s.location = Location.CLASSPATH;
                s.roles = Set.of(Access.PUBLIC);
            });
            c.routes.before(SecurityHeaders::apply);
            c.routes.before(healthRoutes::refuseWhenBroken);
            c.routes.beforeMatched(access::check);
            healthRoutes.register(c.routes);
            auth.register(c.routes);
            doctor.register(c.routes);
            admin.register(c.routes);
            adminUsers.register(c.routes);
            pages.register(c.routes);
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            c.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            c.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            c.routes.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            c.routes.exception(StoreException.class, (e, ctx) -> {
                LOG.error("{} {} failed in the store", ctx.method(), ctx.path(), e);
                health.storeFailed(e);
                if (health.fatal().isPresent()) {
                    error(ctx, 503, "the database is unusable; the app is restarting: try again in a minute");
                } else {
                    error(ctx, 500, "internal error: the server log has the details");
                }
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: the server log has the details");
            });
        });
        app.start();
        healthRoutes.serving(true);
        return new FeedbackServer(app, healthRoutes);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return app.port();
    }

    public void stop() {
        health.serving(false);
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private static void error(Context ctx, int status, String message) {
        if (AccessControl.isApi(ctx)) {
            Json.send(ctx, status, Map.of("error", message == null ? "error" : message));
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8").result(message == null ? "error" : message);
        }
    }
}
