package org.align4j.ppo.reward;

import java.nio.file.Path;
import org.align4j.core.io.Closeables;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;

/**
 * A reward model as PPO and GRPO score rollouts with it: inputs as long as the model was trained on (its saved
 * {@code model_max_length}, as {@code align eval} and {@code align reward score} read it) unless a length is given,
 * answers cut to fit rather than refused, and its score statistics when scores are normalised.
 *
 * @param stats the statistics scores are normalised with, or null for raw scores
 */
public record RlRewardModel(RewardScorer scorer, RewardStats stats) implements AutoCloseable {
    /** Inputs per forward pass when the config gives none. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    /**
     * @param maxLength the longest input in tokens, or null for the length the model was trained with
     * @param key the config section named in errors, e.g. {@code reward.} or {@code rewards.rm.}
     */
    public static RlRewardModel open(Path dir, Integer maxLength, int batchSize, boolean normalize, String key) {
        int length = maxLength != null ? maxLength : RewardScorer.savedMaxLength(dir);
        RewardScorer rm = RewardScorer.load(dir, length, true, batchSize);
        if (normalize && rm.stats() == null) {
            throw Closeables.closeOnFailure(new IllegalArgumentException(key + "normalize: " + dir + " has no "
                    + RewardStats.FILE + " (score statistics saved by reward training); retrain it, or set " + key
                    + "normalize: false to use raw scores"), rm);
        }
        return new RlRewardModel(rm, normalize ? rm.stats() : null);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
