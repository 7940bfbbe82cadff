package org.align4j.ppo.grpo;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.Scalars;
import org.align4j.ppo.math.PpoLosses;

/**
 * The critic-free policy loss: PPO's clipped surrogate with sequence-level advantages broadcast over the
 * answer's tokens, plus (for GRPO) β times the k3 estimate of KL(π ‖ π_ref) per token as a loss term (Shao
 * et al. 2024, eq. 4; Schulman 2020, "Approximating KL divergence"), averaged by a {@link LossAggregation}.
 */
public final class GrpoLosses {
    /**
     * One micro-batch's loss and sums for logging.
     *
     * @param loss the micro-batch's share of the minibatch loss (with gradients)
     * @param tokens answer tokens in the micro-batch
     * @param clippedTokens tokens where the clipped term was taken
     * @param klSum the k3 estimates summed over tokens (0 without a reference)
     * @param surrogateSum the surrogate summed over tokens
     */
    public record Terms(NDArray loss, double tokens, double clippedTokens, double klSum, double surrogateSum) {}

    private GrpoLosses() {}

    /**
     * The k3 estimator per token, {@code exp(d) − d − 1} with {@code d = log π_ref − log π}: never negative,
     * unbiased for KL(π ‖ π_ref) on tokens sampled from π; its gradient with respect to {@code log π} is
     * {@code 1 − π_ref/π}, which pushes a token's probability back towards the reference's.
     */
    public static NDArray k3(NDArray logprobs, NDArray refLogprobs) {
        NDArray d = refLogprobs.sub(logprobs);
        return d.exp().sub(d).sub(1f);
    }

    /**
     * @param logprobs (B, T) log π of the answer tokens, with gradients
     * @param oldLogprobs (B, T) log π_old (the rollout's)
     * @param refLogprobs (B, T) log π_ref, or null when KL is not a loss term
     * @param advantages (B, 1) one advantage per answer (or (B, T))
     * @param mask (B, T) 1 on answer tokens
     * @param beta the KL term's weight (ignored without a reference)
     * @param denominator {@link LossAggregation#denominator} of the whole minibatch
     */
    public static Terms policy(NDArray logprobs, NDArray oldLogprobs, NDArray refLogprobs, NDArray advantages,
            NDArray mask, double clipRange, double beta, LossAggregation aggregation, double denominator) {
        PpoLosses.Surrogate s = PpoLosses.clippedSurrogate(logprobs, oldLogprobs, advantages, clipRange);
        NDArray perToken = s.perToken();
        double klSum = 0;
        if (refLogprobs != null) {
            NDArray kl = k3(logprobs, refLogprobs);
            klSum = kl.stopGradient().mul(mask).sum().getFloat();
            if (beta != 0) {
                perToken = perToken.add(Scalars.mul(kl, (float) beta));
            }
        }
        NDArray loss = Scalars.div(aggregation.numerator(perToken, mask), (float) denominator);
        return new Terms(loss, mask.sum().getFloat(), s.clipped().mul(mask).sum().getFloat(), klSum,
                s.perToken().stopGradient().mul(mask).sum().getFloat());
    }
}
