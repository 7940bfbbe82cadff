package org.align4j.feedback.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Keeps an H2 file proportional to its data while the app serves. Every commit appends a chunk
 * ({@code WRITE_DELAY=0}); H2 reuses the space of dead chunks only after its retention time, and
 * shrinks the file only on close, so under a day of ratings the file grew ~10.8 KB per rating. This
 * task moves live chunks to the front and truncates the file ({@code Store.compactFile}, H2's own
 * online compaction) at a fixed period, in the process that holds the file. Closing compacts again
 * (H2 does that on a clean close).
 */
final class H2Compaction implements AutoCloseable {
    /** How long one pass may move chunks; a rating waits at most about this long behind it. */
    static final int MAX_COMPACT_MILLIS = 200;

    private final ScheduledExecutorService timer;

    private H2Compaction(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Compacts the embedded H2 database behind {@code dataSource} every {@code period}. */
    static H2Compaction every(Duration period, DataSource dataSource) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                compactNow(dataSource);
            } catch (RuntimeException e) {
                System.err.println("feedback store: compaction skipped: " + e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new H2Compaction(timer);
    }

    /** One compaction pass; does nothing for a database this process does not hold (a TCP client). */
    static void compactNow(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Session session = c.unwrap(JdbcConnection.class).getSession();
            if (session instanceof SessionLocal local && local.getDatabase().getStore() != null) {
                local.getDatabase().getStore().compactFile(MAX_COMPACT_MILLIS);
            }
        } catch (SQLException e) {
            throw Sql.translate(e, "compaction");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
