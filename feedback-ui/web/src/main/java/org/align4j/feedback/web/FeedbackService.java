package org.align4j.feedback.web;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;

/**
 * A running feedback service: the store and the server over it, with a JVM shutdown hook so that
 * SIGTERM (or Ctrl-C) stops the server first — letting requests in flight finish — and then
 * closes the database. {@code align feedback serve} is this plus argument parsing.
 */
public final class FeedbackService {
    private final FeedbackStore store;
    private final FeedbackServer server;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private FeedbackService(FeedbackStore store, FeedbackServer server, Consumer<String> log) {
        this.store = store;
        this.server = server;
        this.log = log;
    }

    /** Opens {@code db}, starts serving it and installs the shutdown hook; {@code log} gets one line per event. */
    public static FeedbackService start(String db, ServerConfig config, Consumer<String> log) {
        FeedbackStore store = FeedbackStore.openShared(db, new PasswordHasher(), Clock.systemUTC());
        FeedbackServer server;
        try {
            server = FeedbackServer.start(store, config);
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot start the feedback server on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage() + " (is the port in use? pick another with --port)", e);
        }
        FeedbackService service = new FeedbackService(store, server, log);
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "feedback-shutdown"));
        log.accept("feedback server listening on http://" + config.host() + ":" + server.port() + "/ (database " + store.url() + ")");
        if (store.sharedUrl().isPresent()) {
            log.accept("jobs on this host (export, user add, dpo-refresh, ...) reach this H2 database through the server while it runs");
        }
        return service;
    }

    public int port() {
        return server.port();
    }

    public FeedbackStore store() {
        return store;
    }

    /** Stops the server, then closes the store; later calls do nothing. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
            store.close();
            log.accept("feedback server stopped cleanly");
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop()} has finished (e.g. from the shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
