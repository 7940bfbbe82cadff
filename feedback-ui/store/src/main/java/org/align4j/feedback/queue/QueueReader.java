package org.align4j.feedback.queue;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.align4j.feedback.db.Sql;

/**
 * What a doctor sees next. Oldest answers first, so that doctors rate the same answers and their
 * agreement can be measured; an answer the doctor rated, corrected or skipped never comes back to
 * that doctor, nor does a pair of answers they compared or skipped.
 */
public final class QueueReader {
    private final Sql sql;
    private final RandomGenerator random;

    public QueueReader(Sql sql, RandomGenerator random) {
        this.sql = sql;
        this.random = random;
    }

    public Optional<RateItem> nextToRate(long userId) {
        return sql.read(tx -> tx.one("SELECT r.id, p.id, p.text, r.text FROM responses r JOIN prompts p ON p.id = r.prompt_id"
                        + " WHERE NOT EXISTS (SELECT 1 FROM ratings x WHERE x.user_id = ? AND x.response_id = r.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.user_id = ? AND c.response_id = r.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM skips s WHERE s.user_id = ? AND s.kind = 'rate' AND s.low_id = r.id)"
                        + " ORDER BY r.id FETCH FIRST 1 ROWS ONLY",
                rs -> new RateItem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                userId, userId, userId));
    }

    /** The next pair to compare; which answer is shown left is random, so position cannot bias the pairs. */
    public Optional<CompareItem> nextToCompare(long userId) {
        return sql.read(tx -> tx.one("SELECT p.id, p.text, a.id, a.text, b.id, b.text"
                        + " FROM responses a JOIN responses b ON b.prompt_id = a.prompt_id AND b.id > a.id"
                        + " JOIN prompts p ON p.id = a.prompt_id"
                        + " WHERE NOT EXISTS (SELECT 1 FROM comparisons c WHERE c.user_id = ? AND c.low_id = a.id AND c.high_id = b.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM skips s WHERE s.user_id = ? AND s.kind = 'compare'"
                        + " AND s.low_id = a.id AND s.high_id = b.id)"
                        + " ORDER BY a.id, b.id FETCH FIRST 1 ROWS ONLY",
                rs -> random.nextBoolean()
                        ? new CompareItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6))
                        : new CompareItem(rs.getLong(1), rs.getString(2), rs.getLong(5), rs.getString(6), rs.getLong(3), rs.getString(4)),
                userId, userId));
    }
}
