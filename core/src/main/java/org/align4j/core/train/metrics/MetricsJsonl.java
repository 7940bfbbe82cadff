package org.align4j.core.train.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.io.AtomicFiles;

/**
 * {@code metrics.jsonl}: one JSON object per logging or evaluation step ({@code {"step": 10,
 * "loss": 2.31, "lr": 1e-4, ...}}), flushed at once so that a crash loses nothing already logged.
 * On resume, lines after the resumed step are dropped first, so the curve has no duplicate steps.
 */
public final class MetricsJsonl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    private MetricsJsonl(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@code file} for appending, keeping only lines whose {@code step} is at most
     * {@code keepUpToStep} (pass -1 to start a new file).
     */
    public static MetricsJsonl open(Path file, long keepUpToStep) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> kept = new ArrayList<>();
            if (keepUpToStep >= 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (IOException e) {
                        continue; // a line torn by a crash
                    }
                    if (n.path("step").asLong(Long.MAX_VALUE) <= keepUpToStep) {
                        kept.add(line);
                    }
                }
            }
            AtomicFiles.writeLines(file, kept);
            return new MetricsJsonl(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record (keys in iteration order) and flushes. */
    public void write(Map<String, ?> record) {
        MetricFiles.io(file, "write", () -> {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        });
    }

    @Override
    public void close() {
        MetricFiles.io(file, "close", out::close);
    }
}
