package org.align4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One metric of a run's {@code metrics.jsonl} as (step, value) points, in file order. */
record MetricSeries(String label, double[] steps, double[] values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The points of {@code key} in {@code metrics}; lines without it are skipped. */
    static MetricSeries read(Path metrics, String key, String label) {
        List<double[]> pts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = JSON.readTree(line);
                if (j.has(key) && j.get(key).isNumber() && j.has("step")) {
                    pts.add(new double[] {j.get("step").asDouble(), j.get(key).asDouble()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
        double[] s = new double[pts.size()];
        double[] v = new double[pts.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = pts.get(i)[0];
            v[i] = pts.get(i)[1];
        }
        return new MetricSeries(label, s, v);
    }

    boolean isEmpty() {
        return steps.length == 0;
    }
}
