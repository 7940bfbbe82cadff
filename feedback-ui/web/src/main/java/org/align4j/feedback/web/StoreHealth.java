package org.align4j.feedback.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.align4j.feedback.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store can do its job, for {@code GET /healthz} and after a store error.
 *
 * <p>Healthy means: a write commits (a row is inserted into and deleted from {@code job_locks} in
 * one committed transaction, so a full disk or a closed database fails it) and the schema is the
 * one this build expects. A write probe is run at most once per {@link #PROBE_INTERVAL}; between
 * them the last answer is reused, so a health checker polling every second does not grow the file.
 *
 * <p>After a store error the probe runs at once; if it fails, the failure is <em>fatal</em>: the
 * handler given at construction runs once (the service exits non-zero so that a supervisor
 * restarts it on a fresh connection) and from then on every request is answered 503. The app is
 * never left answering 500 to the API and 200 to its pages.
 */
final class StoreHealth {
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final String PROBE_LOCK = "healthz-probe";
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    /** The result of a probe: empty problems means healthy. */
    record Report(Instant at, List<String> problems) {
        boolean healthy() {
            return problems.isEmpty();
        }
    }

    private final FeedbackStore store;
    private final Clock clock;
    private final Consumer<String> onFatal;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private volatile Report last;

    StoreHealth(FeedbackStore store, Clock clock, Consumer<String> onFatal) {
        this.store = store;
        this.clock = clock;
        this.onFatal = onFatal;
    }

    /** The last probe's report if younger than {@link #PROBE_INTERVAL}, else a new probe's. */
    Report report() {
        String f = fatal.get();
        if (f != null) {
            return new Report(clock.instant(), List.of("fatal store error: " + f));
        }
        Report r = last;
        if (r != null && clock.instant().isBefore(r.at().plus(PROBE_INTERVAL))) {
            return r;
        }
        return probe();
    }

    /** Whether a fatal store error has happened; then the app answers 503 until it is restarted. */
    Optional<String> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    /**
     * A request failed with a store error: probes at once, and if the store is broken declares it
     * fatal (the handler runs once).
     */
    void storeFailed(Exception cause) {
        if (fatal.get() != null) {
            return;
        }
        Report r = probe();
        if (!r.healthy()) {
            String reason = String.join("; ", r.problems());
            if (fatal.compareAndSet(null, reason + " (after: " + cause.getMessage() + ")")) {
                LOG.error("the feedback store is broken: {}", fatal.get(), cause);
                onFatal.accept(fatal.get());
            }
        }
    }

    private Report probe() {
        List<String> problems = new ArrayList<>();
        try {
            store.sql().inTransaction(tx -> {
                tx.update("INSERT INTO job_locks (name, owner, acquired_at) VALUES (?, ?, ?)",
                        PROBE_LOCK + "-" + Thread.currentThread().getId(), "healthz", clock.instant());
                return tx.update("DELETE FROM job_locks WHERE name = ?", PROBE_LOCK + "-" + Thread.currentThread().getId());
            });
        } catch (RuntimeException e) {
            problems.add("database not writable: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            try {
                store.migrationProblem().ifPresent(p -> problems.add("schema not current: " + p));
            } catch (RuntimeException e) {
                problems.add("cannot read the schema version: " + e.getMessage());
            }
        }
        Report r = new Report(clock.instant(), List.copyOf(problems));
        last = r;
        return r;
    }
}
