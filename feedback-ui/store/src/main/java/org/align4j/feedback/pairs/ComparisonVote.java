package org.align4j.feedback.pairs;

import java.time.Instant;
import java.util.Objects;

/** One doctor's comparison of answer A (shown left) with answer B (shown right) of the same prompt. */
public record ComparisonVote(long responseAId, long responseBId, long promptId, long userId, Choice choice, Instant at) {
    public ComparisonVote {
        Objects.requireNonNull(choice, "choice");
        if (responseAId == responseBId) {
            throw new IllegalArgumentException("a comparison needs two different answers, got " + responseAId + " twice");
        }
    }
}
