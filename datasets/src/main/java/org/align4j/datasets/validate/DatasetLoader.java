package org.align4j.datasets.validate;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.Problem;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.io.RecordCodec;

/**
 * The entry point trainers call: reads and validates a whole file before training starts. Any problem fails
 * the load with an {@link InvalidDatasetException} that lists the first problems and the count, unless
 * skip-invalid is set; then the valid rows are returned with the skipped count. Problems with the whole file,
 * and a file with no valid row, fail either way.
 */
public final class DatasetLoader {
    private DatasetLoader() {}

    /** Loads a file (JSONL or a JSON array). */
    public static <T> Loaded<T> load(Path file, RecordCodec<T> codec, LoadOptions options) {
        try (JsonRowReader reader = JsonRowReader.open(file)) {
            return load(reader, codec, options);
        }
    }

    /** Loads a stream (e.g. a bundled resource), named {@code displayName} in problems. */
    public static <T> Loaded<T> load(InputStream in, String displayName, RecordCodec<T> codec, LoadOptions options) {
        try (JsonRowReader reader = JsonRowReader.open(in, displayName)) {
            return load(reader, codec, options);
        }
    }

    private static <T> Loaded<T> load(JsonRowReader reader, RecordCodec<T> codec, LoadOptions options) {
        List<T> rows = new ArrayList<>();
        List<Problem> first = new ArrayList<>();
        long[] total = {0};
        ValidationSummary s = DatasetValidator.validate(reader, codec, options.lengthLimit(),
                (line, row) -> rows.add(row), p -> {
                    total[0]++;
                    if (first.size() < options.problemsShown()) {
                        first.add(p);
                    }
                });
        String file = reader.file();
        if (s.fileProblems() > 0) {
            throw failure(file + ": the file has problems that skipping rows cannot fix; nothing was trained on",
                    first, total[0]);
        }
        if (s.invalid() > 0 && !options.skipInvalid()) {
            throw failure(file + ": " + s.invalid() + " of " + s.rows() + " rows are invalid; nothing was trained on"
                    + " (fix them, or skip them with --skip-invalid to use the " + s.valid() + " valid rows)",
                    first, total[0]);
        }
        if (rows.isEmpty()) {
            throw failure(file + ": no valid " + codec.kind() + " rows"
                    + (s.rows() == 0 ? " (the file is empty)" : ""), first, total[0]);
        }
        return new Loaded<>(rows, s, first);
    }

    private static InvalidDatasetException failure(String head, List<Problem> first, long total) {
        StringBuilder sb = new StringBuilder(head);
        for (Problem p : first) {
            sb.append("\n  ").append(p);
        }
        if (total > first.size()) {
            sb.append("\n  ... and ").append(total - first.size())
                    .append(" more (align data validate FILE --report problems.jsonl lists them all)");
        }
        return new InvalidDatasetException(sb.toString(), first, total);
    }
}
