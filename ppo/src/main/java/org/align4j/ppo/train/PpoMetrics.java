package org.align4j.ppo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PPO run's {@code metrics.jsonl}, read back for a report or a plot: the iteration lines (the keys of
 * {@link IterationMetrics}: {@code score}, {@code kl}, {@code kl_coef}, ...) and the held-out evaluation lines
 * ({@code eval_reward}, {@code eval_kl}, {@code eval_answer_length}, {@code eval_eos_share}; the first at
 * step 0, before any update). Every map holds {@code step} (the iteration) and the numeric fields of its line.
 *
 * @param iterations the iteration lines in file order
 * @param evaluations the evaluation lines in file order
 */
public record PpoMetrics(List<Map<String, Double>> iterations, List<Map<String, Double>> evaluations) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PpoMetrics {
        iterations = List.copyOf(iterations);
        evaluations = List.copyOf(evaluations);
    }

    /** Reads {@code file}; a line that is not a JSON object is an error naming the file and the line. */
    public static PpoMetrics read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Map<String, Double>> its = new ArrayList<>();
        List<Map<String, Double>> evals = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON object: " + e.getMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON object");
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (f.getValue().isNumber()) {
                    m.put(f.getKey(), f.getValue().asDouble());
                }
            }
            (m.containsKey("eval_reward") ? evals : its).add(Collections.unmodifiableMap(m));
        }
        return new PpoMetrics(its, evals);
    }

    /** The values of {@code key} over the iteration lines that have it, in order. */
    public List<Double> series(String key) {
        return iterations.stream().filter(m -> m.containsKey(key)).map(m -> m.get(key)).toList();
    }

    /** The last evaluation line of iteration {@code step}, or null when there is none. */
    public Map<String, Double> evaluationAt(long step) {
        Map<String, Double> found = null;
        for (Map<String, Double> m : evaluations) {
            if (m.get("step") == step) {
                found = m;
            }
        }
        return found;
    }

    /** The values of {@code key} over the evaluation lines that have it, in order. */
    public List<Double> evalSeries(String key) {
        return evaluations.stream().filter(m -> m.containsKey(key)).map(m -> m.get(key)).toList();
    }
}
