package org.align4j.ppo.reward;

import org.align4j.ppo.rollout.AnswerScorer;
import org.align4j.reward.RewardStats;

/**
 * The reward model's score ({@link org.align4j.reward.RewardScorer}), standardised with the statistics saved
 * beside it when given, so that its weight means the same for every reward model.
 *
 * @param stats the score statistics, or null for raw scores
 */
public record RewardModelReward(AnswerScorer scorer, RewardStats stats) implements RewardFunction {
    @Override
    public double[] score(AnswerBatch batch) {
        float[] raw = scorer.score(batch.prompts(), batch.answers());
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = stats == null ? raw[i] : stats.normalize(raw[i]);
        }
        return out;
    }
}
