package org.align4j.datasets.validate;

import java.util.List;
import org.align4j.datasets.Problem;

/**
 * The rows of a loaded file.
 *
 * @param rows the valid rows, in file order
 * @param summary the validation counts
 * @param skipped the first problems of the rows that were skipped (empty unless skip-invalid was set)
 * @param <T> the row type
 */
public record Loaded<T>(List<T> rows, ValidationSummary summary, List<Problem> skipped) {
    public Loaded {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    /** The number of invalid rows that were skipped. */
    public long skippedCount() {
        return summary.invalid();
    }

    /** A line to print before training, e.g. {@code pairs.jsonl: 1000 rows, 997 valid, 3 invalid (skipped)}. */
    public String describe() {
        return summary.describe() + (summary.invalid() > 0 ? " (skipped " + summary.invalid() + " invalid rows)" : "");
    }
}
