package org.align4j.ppo.reward;

/**
 * Minus the number of answer tokens beyond {@code limit} (0 for answers within it): a brake on the length
 * spikes that reward hacking shows (give it a small weight, e.g. 0.05 a token).
 */
public record LengthPenalty(int limit) implements RewardFunction {
    public LengthPenalty {
        if (limit < 0) {
            throw new IllegalArgumentException("limit: must be >= 0 tokens, got " + limit);
        }
    }

    @Override
    public double[] score(AnswerBatch batch) {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -Math.max(0, batch.lengths()[i] - limit);
        }
        return out;
    }
}
