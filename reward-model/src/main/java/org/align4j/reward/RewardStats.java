package org.align4j.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Score statistics over a reference set, saved with the reward model ({@code reward_stats.json}) so that
 * PPO whitens rewards the same way in every run: {@code (score − mean) / std}.
 */
public record RewardStats(double mean, double std, long count) {
    public static final String FILE = "reward_stats.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RewardStats {
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("reward stats need a finite mean and std > 0, got mean=" + mean
                    + " std=" + std);
        }
    }

    /** Statistics of {@code scores} (population std, at least 1e-6). */
    public static RewardStats of(float[] scores) {
        double s = 0;
        for (float v : scores) {
            s += v;
        }
        double mean = s / scores.length;
        double sq = 0;
        for (float v : scores) {
            sq += (v - mean) * (v - mean);
        }
        return new RewardStats(mean, Math.max(1e-6, Math.sqrt(sq / scores.length)), scores.length);
    }

    public double normalize(double score) {
        return (score - mean) / std;
    }

    public void write(Path dir) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The stats saved in {@code dir}, or null when the model has none. */
    public static RewardStats read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), RewardStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": invalid reward statistics: " + e.getMessage(), e);
        }
    }
}
