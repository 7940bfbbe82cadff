package org.align4j.feedback.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs units of work in transactions on a pooled data source. */
public final class Sql {
    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx);
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23506";
    private static final String FOREIGN_KEY_VIOLATION_SQL_STANDARD = "23503";

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one transaction and commits it; any exception rolls it back. When this
     * method returns, the commit has returned (see {@link FeedbackDatabase} for what that means
     * for durability).
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Tx(c));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw translate(e, "commit");
            }
        } catch (SQLException e) {
            throw translate(e, "connection");
        }
    }

    /** Runs read-only work; the transaction gives it one consistent snapshot. */
    public <T> T read(Work<T> work) {
        return inTransaction(work);
    }

    /** Runs a query returning one number (a COUNT, a MAX) in its own transaction; null becomes 0. */
    public long number(String query, Object... params) {
        return inTransaction(tx -> tx.number(query, params));
    }

    /** Runs a query returning one text column in its own transaction. */
    public java.util.List<String> strings(String query, Object... params) {
        return inTransaction(tx -> tx.list(query, rs -> rs.getString(1), params));
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Turns a driver exception into a {@link StoreException}, keeping constraint violations apart. */
    static StoreException translate(SQLException e, String what) {
        String state = e.getSQLState();
        if (UNIQUE_VIOLATION.equals(state)) {
            return new ConflictException("already exists (" + constraintOf(e) + ")");
        }
        if (FOREIGN_KEY_VIOLATION.equals(state) || FOREIGN_KEY_VIOLATION_SQL_STANDARD.equals(state)) {
            return new NotFoundException("refers to a row that does not exist (" + constraintOf(e) + ")");
        }
        return new StoreException("database error in " + what + ": " + e.getMessage(), e);
    }

    private static String constraintOf(SQLException e) {
        String m = String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT);
        for (String name : new String[] {"RATINGS_ONCE_PER_DOCTOR", "COMPARISONS_ONCE_PER_DOCTOR",
                "CORRECTIONS_ONCE_PER_DOCTOR", "USERS_USERNAME_UNIQUE", "MODEL_VERSIONS_NAME_UNIQUE",
                "SKIPS_PK", "JOB_LOCKS", "PREFERENCE_PAIRS_KEY_UNIQUE", "PROMPTS_TEXT_UNIQUE"}) {
            if (m.contains(name)) {
                return name.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "constraint";
    }
}
