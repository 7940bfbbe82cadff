package org.align4j.feedback.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Disk use of the benchmark database: the whole database (H2: the {@code .mv.db} file; PostgreSQL:
 * {@code pg_database_size}) before the load, at its end while the server still runs, and after a
 * clean close and reopen (H2 compacts on close); and the ratings table with its indexes
 * ({@code DISK_SPACE_USED} / {@code pg_total_relation_size}). Growth is given per 1,000
 * acknowledged ratings; -1 (or NaN per 1,000) where the database does not tell.
 *
 * @param bytesBeforeLoad database bytes with the seeded accounts and answers, before any rating
 * @param bytesUnderLoad database bytes when the last rating was acknowledged, server still running
 * @param bytesAfterClose database bytes after the server stopped and the database was reopened
 * @param ratingsTableBytes the ratings table with its indexes, after close
 * @param ratings acknowledged ratings the growth is divided by
 */
public record StorageSize(
        @JsonProperty("db_bytes_before_load") long bytesBeforeLoad,
        @JsonProperty("db_bytes_under_load") long bytesUnderLoad,
        @JsonProperty("db_bytes_after_close") long bytesAfterClose,
        @JsonProperty("ratings_table_bytes") long ratingsTableBytes,
        long ratings) {

    /** Database growth from before the load to its end, per 1,000 ratings (what a disk must hold while serving). */
    @JsonProperty("db_bytes_per_1000_ratings_under_load")
    public double perThousandUnderLoad() {
        return perThousand(bytesUnderLoad - bytesBeforeLoad, bytesUnderLoad, bytesBeforeLoad);
    }

    /** Database growth from before the load to after close and reopen, per 1,000 ratings. */
    @JsonProperty("db_bytes_per_1000_ratings_after_close")
    public double perThousandAfterClose() {
        return perThousand(bytesAfterClose - bytesBeforeLoad, bytesAfterClose, bytesBeforeLoad);
    }

    /** The ratings table's bytes per 1,000 ratings. */
    @JsonProperty("ratings_table_bytes_per_1000_ratings")
    public double ratingsTablePerThousand() {
        return perThousand(ratingsTableBytes, ratingsTableBytes, 0);
    }

    private double perThousand(long bytes, long a, long b) {
        return a < 0 || b < 0 || ratings == 0 ? Double.NaN : bytes * 1000.0 / ratings;
    }
}
