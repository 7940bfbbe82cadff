package org.align4j.dpo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.config.DpoConfig;

/** Test helpers: a DPO run from {@code --set} overrides, and its metrics.jsonl. */
final class Runs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {}

    /** The overrides every test run shares: tiny batches, constant LR, a line per step. */
    static List<String> base(Path policy, Path out, int steps) {
        return new ArrayList<>(List.of("policy=" + policy, "data.train_files=[unused]", "train.output_dir=" + out,
                "train.max_steps=" + steps, "train.lr=3e-3", "train.batch_size=8", "train.schedule=constant",
                "train.log_every=1", "train.save_every=0", "train.max_grad_norm=1.0"));
    }

    static DpoConfig config(List<String> overrides) {
        return DpoConfig.load(null, overrides);
    }

    /** Runs DPO; returns the result and what it printed. */
    static Output run(DpoConfig cfg, List<PreferencePair> train, List<PreferencePair> eval) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            TrainingResult r = DpoTrainer.run(cfg, train, eval, new StopSignal(), out);
            return new Output(r, buf.toString(StandardCharsets.UTF_8));
        }
    }

    record Output(TrainingResult result, String printed) {}

    /** The lines of metrics.jsonl. */
    static List<JsonNode> metrics(Path out) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve(RunDirectory.METRICS_FILE))) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of {@code key} in order, from the lines that have it. */
    static List<Double> series(List<JsonNode> rows, String key) {
        return rows.stream().filter(r -> r.has(key)).map(r -> r.get(key).asDouble()).toList();
    }
}
