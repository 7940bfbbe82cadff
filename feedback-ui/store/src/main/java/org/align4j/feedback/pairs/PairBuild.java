package org.align4j.feedback.pairs;

import java.util.List;

/** The pairs the feedback supports, and the feedback that could not become a pair. */
public record PairBuild(List<PairCandidate> pairs, List<PairIssue> issues) {
    public PairBuild {
        pairs = List.copyOf(pairs);
        issues = List.copyOf(issues);
    }
}
