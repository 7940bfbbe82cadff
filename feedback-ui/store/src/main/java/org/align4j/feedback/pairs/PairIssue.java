package org.align4j.feedback.pairs;

import java.util.List;

/** Feedback that did not become a pair, and why: reported to the admin, never guessed at. */
public record PairIssue(Kind kind, long promptId, List<Long> responseIds, String detail) {
    /** Why no pair was made. */
    public enum Kind {
        /** As many 👍 as 👎 on one answer. */
        RATING_TIE,
        /** Comparisons of two answers split evenly (or as many "both bad" as the winner). */
        COMPARISON_TIE,
        /** Most doctors found both answers bad. */
        BOTH_BAD,
        /** Ratings and comparisons prefer opposite answers of the same two. */
        CONFLICT,
        /** The corrected answer is the original answer unchanged. */
        CORRECTION_UNCHANGED
    }

    public PairIssue {
        responseIds = List.copyOf(responseIds);
    }
}
