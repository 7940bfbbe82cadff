package org.align4j.feedback.pairs;

import java.time.Instant;

/** One doctor's 👍 (+1) or 👎 (-1) on one answer. */
public record RatingVote(long responseId, long promptId, long userId, int value, Instant at) {
    public RatingVote {
        if (value != 1 && value != -1) {
            throw new IllegalArgumentException("rating value is " + value + ": allowed +1 (thumbs up) or -1 (thumbs down)");
        }
    }
}
