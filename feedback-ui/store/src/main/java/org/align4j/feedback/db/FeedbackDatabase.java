package org.align4j.feedback.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The feedback database: a connection pool on a JDBC URL whose schema Flyway has brought to the
 * newest migration ({@code classpath:db/migration}).
 *
 * <p>Durability: with H2 the URL is opened with {@code WRITE_DELAY=0} (see {@link DatabaseUrl}):
 * H2's MVStore then writes the chunk holding a transaction's changes to the database file inside
 * {@code Connection.commit()}, so a rating whose commit returned is in the operating system's file
 * cache and survives the server process being killed (SIGKILL). H2 does not fsync each commit, so
 * a power failure can still lose the last commits; use a server database (PostgreSQL) where that
 * matters.
 *
 * <p>Sharing: H2 lets one process open a file. The feedback server opens it with {@link #openShared},
 * which also shares it on loopback ({@link LoopbackShare}); any other process that opens the same
 * path while the server runs is connected through the server, so jobs run beside the app.
 */
public final class FeedbackDatabase implements AutoCloseable {
    /** Pool size: a rating is a few short statements; more connections than this only queue on the store lock. */
    private static final int POOL_SIZE = 16;

    private final HikariDataSource dataSource;
    private final String url;
    private volatile LoopbackShare share;

    private FeedbackDatabase(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /**
     * Opens {@code db} (a JDBC URL or an H2 file path) and applies any pending migration. An H2 file
     * that a running feedback server shares is reached through that server.
     */
    public static FeedbackDatabase open(String db) {
        String url = DatabaseUrl.normalise(db);
        return openUrl(LoopbackShare.find(url).orElse(url));
    }

    /**
     * Opens {@code db} like {@link #open} and, when this process holds an H2 file database itself,
     * shares it on loopback until {@link #close} (the feedback server does this).
     */
    public static FeedbackDatabase openShared(String db) {
        String url = DatabaseUrl.normalise(db);
        Optional<String> elsewhere = LoopbackShare.find(url);
        FeedbackDatabase database = openUrl(elsewhere.orElse(url));
        if (elsewhere.isEmpty() && LoopbackShare.filePath(url).isPresent()) {
            try {
                database.share = LoopbackShare.start(url);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
        return database;
    }

    private static FeedbackDatabase openUrl(String url) {
        DbCredentials credentials = DbCredentials.of(url, System.getenv());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        credentials.user().ifPresent(config::setUsername);
        credentials.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("feedback-db");
        config.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the feedback database " + url + ": " + rootMessage(e)
                    + " (is another process using this H2 file? A job that holds it must finish first; jobs started"
                    + " while `align feedback serve` runs connect through it. Or use PostgreSQL)", e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            ds.close();
            throw new StoreException("cannot migrate the feedback database " + url + ": " + e.getMessage(), e);
        }
        return new FeedbackDatabase(ds, url);
    }

    /**
     * Why the schema is not what this build of the app expects (a migration pending, failed, or
     * newer than this build knows), or empty when it is current.
     */
    public java.util.Optional<String> migrationProblem() {
        org.flywaydb.core.api.MigrationInfoService info =
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info();
        if (info.pending().length > 0) {
            return java.util.Optional.of(info.pending().length + " migration(s) pending, first " + info.pending()[0].getVersion());
        }
        for (org.flywaydb.core.api.MigrationInfo m : info.all()) {
            org.flywaydb.core.api.MigrationState state = m.getState();
            if (state.isFailed()) {
                return java.util.Optional.of("migration " + m.getVersion() + " failed");
            }
            if (state == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS) {
                return java.util.Optional.of("migration " + m.getVersion() + " is newer than this build of the app");
            }
        }
        return java.util.Optional.empty();
    }

    /** The JDBC URL actually opened. */
    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Sql sql() {
        return new Sql(dataSource);
    }

    /**
     * Bytes the database takes on disk: the H2 file this process holds, or PostgreSQL's
     * {@code pg_database_size}; -1 where this process cannot tell (an H2 database reached over TCP).
     */
    public long storageBytes() {
        if (url.startsWith("jdbc:postgresql:")) {
            return sql().number("SELECT pg_database_size(current_database())");
        }
        return LoopbackShare.filePath(url).map(p -> p.resolveSibling(p.getFileName() + ".mv.db")).map(f -> {
            try {
                return java.nio.file.Files.size(f);
            } catch (java.io.IOException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    /**
     * Bytes that table {@code table} (rows and indexes) takes: PostgreSQL's {@code pg_total_relation_size},
     * H2's {@code DISK_SPACE_USED} (an estimate from the MVStore pages the table's maps use).
     */
    public long tableBytes(String table) {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name '" + table + "': give a plain lower-case table name");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return sql().number("SELECT pg_total_relation_size('" + table + "')");
        }
        return sql().number("SELECT DISK_SPACE_USED('" + table.toUpperCase(java.util.Locale.ROOT) + "')");
    }

    /** Compacts an H2 file this process holds now; nothing elsewhere. Only while nothing else writes (see {@link H2Compaction}). */
    public void compact() {
        if (LoopbackShare.filePath(url).isPresent()) {
            H2Compaction.compactNow(dataSource);
        }
    }

    /** The URL other processes reach this database with, when this process shares it. */
    public Optional<String> sharedUrl() {
        LoopbackShare s = share;
        return s == null ? Optional.empty() : Optional.of(s.url());
    }

    /**
     * Stops sharing, then closes the database: an H2 file this process holds is closed with {@code SHUTDOWN
     * COMPACT}, which rewrites it to the size of its data (H2's own close compacts for 200 ms only and left a
     * 394 MB file after a load of ratings); then every pooled connection is closed.
     */
    @Override
    public void close() {
        LoopbackShare s = share;
        share = null;
        try {
            if (s != null) {
                s.close();
            }
            if (LoopbackShare.filePath(url).isPresent()) {
                shutdownCompact();
            }
        } finally {
            dataSource.close();
        }
    }

    private void shutdownCompact() {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            // The pool then resets the connection H2 has just closed, and H2 would write that harmless
            // "already closed" error with its stack trace into NAME.trace.db on every clean close.
            st.execute("SET TRACE_LEVEL_FILE 0");
            st.execute("SHUTDOWN COMPACT");
        } catch (java.sql.SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN) {
                // the pool's close of the connection (clearWarnings) after a successful SHUTDOWN: nothing is wrong
                return;
            }
            // already closed by H2 after a fatal error: nothing left to compact; the data is as last committed
            System.err.println("feedback store: closed without compaction: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
