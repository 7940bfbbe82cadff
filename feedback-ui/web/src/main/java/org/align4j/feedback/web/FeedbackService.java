package org.align4j.feedback.web;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;

/**
 * A running feedback service: the store and the server over it, with a JVM shutdown hook so that
 * SIGTERM (or Ctrl-C) stops the server first — letting requests in flight finish — and then
 * closes the database. {@code align feedback serve} is this plus argument parsing.
 */
public final class FeedbackService {
    /** The exit status after a fatal store error (closed or unwritable database). */
    public static final int EXIT_STORE_FAILED = 3;

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

    /**
     * Opens {@code db}, starts serving it and installs the shutdown hook; {@code log} gets one line
     * per event. A fatal store error makes the process exit with {@link #EXIT_STORE_FAILED}, so
     * that a supervisor (systemd {@code Restart=on-failure}, Kubernetes) starts it again.
     */
    public static FeedbackService start(String db, ServerConfig config, Consumer<String> log) {
        return start(db, config, log, System::exit);
    }

    /** As {@link #start(String, ServerConfig, Consumer)}, with the exit call given (tests record it). */
    static FeedbackService start(String db, ServerConfig config, Consumer<String> log, IntConsumer exit) {
        FeedbackStore store = FeedbackStore.openShared(db, new PasswordHasher(), Clock.systemUTC());
        FeedbackServer server;
        try {
            server = FeedbackServer.start(store, config, reason -> {
                log.accept("fatal store error, exiting with status " + EXIT_STORE_FAILED + " so that a supervisor restarts the app: " + reason);
                // From a new thread: the request that found the error must finish before the shutdown hook stops the server.
                Thread t = new Thread(() -> exit.accept(EXIT_STORE_FAILED), "feedback-fatal-exit");
                t.setDaemon(false);
                t.start();
            });
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
