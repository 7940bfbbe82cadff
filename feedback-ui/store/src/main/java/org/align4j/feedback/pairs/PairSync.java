package org.align4j.feedback.pairs;

import java.util.List;

/**
 * The outcome of rebuilding the pairs table from the feedback.
 *
 * @param added pairs new to the table
 * @param retracted pairs whose evidence no longer holds (hidden from export and {@code pairsSince})
 * @param restored retracted pairs whose evidence holds again
 * @param active pairs in the table that are not retracted
 * @param issues feedback that did not become a pair (ties, conflicts, both bad)
 */
public record PairSync(int added, int retracted, int restored, int active, List<PairIssue> issues) {
    public PairSync {
        issues = List.copyOf(issues);
    }
}
