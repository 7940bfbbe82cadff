package org.align4j.datasets.validate;

import java.util.function.Consumer;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.Problem;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.io.JsonRow;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.io.RecordCodec;

/**
 * Checks every row of a file, streaming: malformed JSON, invalid UTF-8, missing, empty or mistyped fields,
 * unknown fields, rule breaks of the record (e.g. chosen == rejected), duplicates, and, given a
 * {@link LengthLimit}, rows longer than the model's context after templating. Each row gets at most one
 * problem (the first found); valid rows are passed on with their line numbers.
 */
public final class DatasetValidator {
    private DatasetValidator() {}

    /** Receives each valid row. */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(long line, T row);
    }

    /**
     * Validates all rows of {@code reader}.
     *
     * @param limit the context-length check, or {@code null} to skip it
     * @param valid receives each accepted row
     * @param problems receives each problem, in file order (file-level problems last)
     */
    public static <T> ValidationSummary validate(JsonRowReader reader, RecordCodec<T> codec, LengthLimit limit,
            RowSink<? super T> valid, Consumer<Problem> problems) {
        String file = reader.file();
        DuplicateIndex duplicates = new DuplicateIndex();
        ScaleCheck scale = codec.kind() == DataKind.RATINGS ? new ScaleCheck() : null;
        long rows = 0;
        long ok = 0;
        long bad = 0;
        long dropped = 0;
        long truncated = 0;
        while (reader.hasNext()) {
            JsonRow row = reader.next();
            rows++;
            if (!row.isReadable()) {
                bad++;
                problems.accept(row.problem());
                continue;
            }
            T value;
            try {
                value = codec.fromJson(row.json());
            } catch (InvalidRecordException e) {
                bad++;
                problems.accept(new Problem(file, row.line(), e.problem(), e.fix()));
                continue;
            }
            long first = duplicates.firstSeen(codec.duplicateKey(value), row.line());
            if (first >= 0) {
                bad++;
                problems.accept(new Problem(file, row.line(), "duplicate of line " + first,
                        "remove the repeated row; a duplicate counts one example twice"));
                continue;
            }
            if (limit != null) {
                int tokens = limit.meter().length(value);
                if (tokens > limit.maxTokens()) {
                    switch (limit.overflow()) {
                        case REPORT -> {
                            bad++;
                            problems.accept(new Problem(file, row.line(), tokens + " tokens after the "
                                    + limit.meter().template().name() + " template, more than the limit of "
                                    + limit.maxTokens(), "shorten the row, raise the limit, or choose to drop or"
                                    + " truncate rows that are too long"));
                            continue;
                        }
                        case DROP -> {
                            dropped++;
                            continue;
                        }
                        case TRUNCATE -> truncated++;
                    }
                }
            }
            if (scale != null) {
                scale.accept(row.json(), row.line());
            }
            ok++;
            valid.accept(row.line(), value);
        }
        long fileProblems = 0;
        if (scale != null) {
            Problem p = scale.result(file);
            if (p != null) {
                fileProblems++;
                problems.accept(p);
            }
        }
        return new ValidationSummary(file, rows, ok, bad, dropped, truncated, fileProblems);
    }
}
