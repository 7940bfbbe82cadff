package org.align4j.feedback.export;

import java.util.List;
import org.align4j.feedback.pairs.PairIssue;

/**
 * What an export wrote.
 *
 * @param written rows written to the file
 * @param skipped rows that could not be written, each with the reason (e.g. two answers with the same text)
 * @param issues feedback that did not become a pair (ties, conflicts, both bad); empty for ratings
 */
public record ExportResult(long written, List<String> skipped, List<PairIssue> issues) {
    public ExportResult {
        skipped = List.copyOf(skipped);
        issues = List.copyOf(issues);
    }
}
