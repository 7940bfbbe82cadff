package org.align4j.ppo.math;

/**
 * Per-token rewards of an answer (Ziegler et al. 2019; Ouyang et al. 2022, eq. 2): {@code −β·kl_t} on
 * every response token, plus the reward model's score on the last one.
 */
public final class TokenRewards {
    /** The rewards and the per-token KL that went into them (the very values to log). */
    public record Result(float[][] rewards, float[][] kl) {}

    private TokenRewards() {}

    /**
     * @param logprobs (B, T) log π of the sampled tokens
     * @param refLogprobs (B, T) log π_ref of the same tokens
     * @param scores (B) reward-model scores (already normalised/penalised as configured)
     * @param lengths response lengths; positions past them are left 0
     */
    public static Result compute(float[][] logprobs, float[][] refLogprobs, float[] scores, int[] lengths,
            double beta, KlEstimator estimator) {
        int b = logprobs.length;
        float[][] rewards = new float[b][];
        float[][] kl = new float[b][];
        for (int i = 0; i < b; i++) {
            rewards[i] = new float[logprobs[i].length];
            kl[i] = new float[logprobs[i].length];
            for (int t = 0; t < lengths[i]; t++) {
                double k = estimator.estimate(logprobs[i][t], refLogprobs[i][t]);
                kl[i][t] = (float) k;
                rewards[i][t] = (float) (-beta * k);
            }
            if (lengths[i] > 0) {
                rewards[i][lengths[i] - 1] += scores[i];
            }
        }
        return new Result(rewards, kl);
    }
}
