package org.align4j.feedback.db;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Normalises the {@code --db} argument into a JDBC URL.
 *
 * <p>A value that does not start with {@code jdbc:} is a path to an H2 file database
 * ({@code feedback-data/feedback} becomes {@code jdbc:h2:file:/abs/feedback-data/feedback}). Any
 * other JDBC URL is accepted as is, provided its driver and a Flyway database module are on the
 * classpath (H2 is bundled).
 *
 * <p>For an H2 file database two settings are forced: {@code WRITE_DELAY=0}, so that every commit
 * writes its MVStore chunk to the file before {@code commit()} returns (H2's default of 500 ms
 * would let an acknowledged rating die with the process), and {@code DB_CLOSE_ON_EXIT=FALSE}, so
 * that on SIGTERM the server stops taking requests before the database closes, not H2's own
 * shutdown hook first. A URL that sets {@code WRITE_DELAY} to anything else is refused.
 */
public final class DatabaseUrl {
    private DatabaseUrl() {}

    /** Returns the JDBC URL to open for {@code db}. */
    public static String normalise(String db) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("--db is empty: give a JDBC URL (jdbc:h2:file:/path/feedback) or a file path");
        }
        String url = db.strip();
        if (!url.startsWith("jdbc:")) {
            String path = url.endsWith(".mv.db") ? url.substring(0, url.length() - ".mv.db".length()) : url;
            url = "jdbc:h2:file:" + Path.of(path).toAbsolutePath().normalize();
        }
        if (!url.startsWith("jdbc:h2:") || isInMemory(url)) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        int at = upper.indexOf(";WRITE_DELAY=");
        if (at >= 0) {
            int end = upper.indexOf(';', at + 1);
            String value = upper.substring(at + ";WRITE_DELAY=".length(), end < 0 ? upper.length() : end);
            if (!value.strip().equals("0")) {
                throw new IllegalArgumentException("--db " + db + " sets WRITE_DELAY=" + value
                        + ": the feedback store needs WRITE_DELAY=0 so that an acknowledged rating survives a crash;"
                        + " remove the setting");
            }
        } else {
            url += ";WRITE_DELAY=0";
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            url += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    /**
     * The kind of database behind a JDBC URL, as benchmarks and logs name it: {@code h2},
     * {@code postgresql}, or the URL's sub-protocol for any other driver.
     */
    public static String kind(String url) {
        if (!url.startsWith("jdbc:") || url.indexOf(':', 5) < 0) {
            throw new IllegalArgumentException("'" + url + "' is not a JDBC URL (jdbc:<driver>:...)");
        }
        return url.substring(5, url.indexOf(':', 5)).toLowerCase(Locale.ROOT);
    }

    static boolean isInMemory(String url) {
        return url.startsWith("jdbc:h2:mem:");
    }
}
