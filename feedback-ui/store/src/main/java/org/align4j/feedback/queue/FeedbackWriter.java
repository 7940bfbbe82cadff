package org.align4j.feedback.queue;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.pairs.Choice;

/**
 * Records what a doctor did with an item. Each method is one transaction and returns only after
 * it has committed; the caller may then tell the browser it is saved.
 */
public final class FeedbackWriter implements AutoCloseable {
    /** Comments longer than this are refused (the column holds 10,000 characters). */
    public static final int MAX_COMMENT = 10_000;

    private final Sql sql;
    private final Clock clock;
    private final RatingCommitter ratings;

    public FeedbackWriter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.ratings = new RatingCommitter(sql, clock);
    }

    /**
     * Records a 👍 or 👎 (or a 👎 marked unsafe) with an optional comment; returns the rating id once committed (ratings
     * arriving together share one commit, see {@link RatingCommitter}).
     *
     * @throws ConflictException when this doctor already rated this answer
     * @throws NotFoundException when the answer does not exist
     */
    public long rate(long userId, long responseId, Thumb thumb, String comment) {
        Objects.requireNonNull(thumb, "thumb");
        String c = comment(comment);
        try {
            return ratings.rate(userId, responseId, thumb.value(), thumb.unsafe(), c);
        } catch (ConflictException e) {
            throw new ConflictException("you have already rated answer " + responseId);
        } catch (NotFoundException e) {
            throw new NotFoundException("answer " + responseId + " does not exist");
        }
    }

    /**
     * Records which of two answers to the same prompt is better (A = shown left, B = shown right),
     * or that both are bad; returns the comparison id.
     */
    public long compare(long userId, long responseAId, long responseBId, Choice choice, String comment) {
        Objects.requireNonNull(choice, "choice");
        if (responseAId == responseBId) {
            throw new IllegalArgumentException("responseAId and responseBId are both " + responseAId + ": compare two different answers");
        }
        String c = comment(comment);
        try {
            return sql.inTransaction(tx -> {
                List<Long> prompts = tx.list("SELECT DISTINCT prompt_id FROM responses WHERE id IN (?, ?)",
                        rs -> rs.getLong(1), responseAId, responseBId);
                long found = tx.number("SELECT COUNT(*) FROM responses WHERE id IN (?, ?)", responseAId, responseBId);
                if (found < 2) {
                    throw new NotFoundException("answers " + responseAId + " and " + responseBId + " do not both exist");
                }
                if (prompts.size() != 1) {
                    throw new IllegalArgumentException("answers " + responseAId + " and " + responseBId
                            + " answer different prompts: only answers to the same prompt can be compared");
                }
                return tx.insert("INSERT INTO comparisons (response_a_id, response_b_id, low_id, high_id, user_id, choice, comment,"
                                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        responseAId, responseBId, Math.min(responseAId, responseBId), Math.max(responseAId, responseBId),
                        userId, choice.name(), c, clock.instant());
            });
        } catch (ConflictException e) {
            throw new ConflictException("you have already compared answers " + responseAId + " and " + responseBId);
        }
    }

    /** Records a doctor's corrected answer, preferred over the original; returns the correction id. */
    public long correct(long userId, long responseId, String correctedText, String comment) {
        if (correctedText == null || correctedText.isBlank()) {
            throw new IllegalArgumentException("the corrected answer is empty: write the answer the model should have given");
        }
        if (correctedText.length() > QueueWriter.MAX_TEXT) {
            throw new IllegalArgumentException("the corrected answer has " + correctedText.length() + " characters: at most " + QueueWriter.MAX_TEXT);
        }
        String c = comment(comment);
        try {
            return sql.inTransaction(tx -> tx.insert(
                    "INSERT INTO corrections (response_id, user_id, text, comment, created_at) VALUES (?, ?, ?, ?, ?)",
                    responseId, userId, correctedText, c, clock.instant()));
        } catch (ConflictException e) {
            throw new ConflictException("you have already corrected answer " + responseId);
        } catch (NotFoundException e) {
            throw new NotFoundException("answer " + responseId + " does not exist");
        }
    }

    /** Takes an answer out of this doctor's rating queue without rating it. Skipping twice is harmless. */
    public void skipAnswer(long userId, long responseId) {
        skip(userId, "rate", responseId, responseId);
    }

    /** Takes a pair out of this doctor's comparison queue without comparing it. */
    public void skipPair(long userId, long responseAId, long responseBId) {
        if (responseAId == responseBId) {
            throw new IllegalArgumentException("responseAId and responseBId are both " + responseAId + ": a pair needs two answers");
        }
        skip(userId, "compare", Math.min(responseAId, responseBId), Math.max(responseAId, responseBId));
    }

    private void skip(long userId, String kind, long low, long high) {
        sql.inTransaction(tx -> {
            if (tx.number("SELECT COUNT(*) FROM responses WHERE id IN (?, ?)", low, high) != (low == high ? 1 : 2)) {
                throw new NotFoundException("answer " + (low == high ? low + " does" : low + " or " + high + " do") + " not exist");
            }
            if (tx.number("SELECT COUNT(*) FROM skips WHERE user_id = ? AND kind = ? AND low_id = ? AND high_id = ?",
                    userId, kind, low, high) == 0) {
                tx.update("INSERT INTO skips (user_id, kind, low_id, high_id, created_at) VALUES (?, ?, ?, ?, ?)",
                        userId, kind, low, high, clock.instant());
            }
            return null;
        });
    }

    /** Commits the ratings already submitted, then stops taking new ones. */
    @Override
    public void close() {
        ratings.close();
    }

    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("the comment has " + comment.length() + " characters: at most " + MAX_COMMENT);
        }
        return comment.strip();
    }
}
