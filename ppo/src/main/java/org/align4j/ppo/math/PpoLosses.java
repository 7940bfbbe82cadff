package org.align4j.ppo.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.align4j.core.nn.Scalars;

/**
 * The clipped PPO objectives (Schulman et al. 2017, eq. 7; value clipping as in OpenAI baselines and
 * Ziegler et al. 2019), averaged over response tokens selected by a mask (B, T) of 0/1 floats.
 */
public final class PpoLosses {
    /** A loss with the statistics PPO logs. */
    public record PolicyLoss(NDArray loss, float clipFraction, float approxKl) {}

    /** A value loss with its clip fraction. */
    public record ValueLoss(NDArray loss, float clipFraction) {}

    private PpoLosses() {}

    /** {@code Σ x·mask / Σ mask}. */
    public static NDArray maskedMean(NDArray x, NDArray mask) {
        return x.mul(mask).sum().div(Scalars.maximum(mask.sum(), 1e-8f));
    }

    /**
     * {@code mean(max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)))} with {@code ρ = exp(log π − log π_old)}; the approximate
     * KL logged is {@code mean(½(log π − log π_old)²)} (as in TRL).
     */
    public static PolicyLoss policy(NDArray logprobs, NDArray oldLogprobs, NDArray advantages, NDArray mask,
            double clipRange) {
        Surrogate s = clippedSurrogate(logprobs, oldLogprobs, advantages, clipRange);
        NDArray loss = maskedMean(s.perToken(), mask);
        float clipFrac = maskedMean(s.clipped(), mask).getFloat();
        float approxKl = maskedMean(Scalars.muli(s.logRatio().square(), 0.5), mask).getFloat();
        return new PolicyLoss(loss, clipFrac, approxKl);
    }

    /**
     * The clipped surrogate per token, before any averaging (the critic-free trainers average it their own way).
     *
     * @param perToken (B, T) {@code max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε))}, with gradients
     * @param clipped (B, T) 1 where the clipped term was taken, else 0 (no gradient)
     * @param logRatio (B, T) {@code log π − log π_old}, detached
     */
    public record Surrogate(NDArray perToken, NDArray clipped, NDArray logRatio) {}

    /** {@link Surrogate} of the log-probs (B, T) with advantages (B, T) broadcast as given. */
    public static Surrogate clippedSurrogate(NDArray logprobs, NDArray oldLogprobs, NDArray advantages,
            double clipRange) {
        NDArray logRatio = logprobs.sub(oldLogprobs);
        NDArray ratio = logRatio.exp();
        NDArray unclipped = advantages.neg().mul(ratio);
        NDArray clipped = advantages.neg().mul(ratio.clip(1 - clipRange, 1 + clipRange));
        return new Surrogate(unclipped.maximum(clipped), clipped.gt(unclipped).toType(DataType.FLOAT32, false),
                logRatio.stopGradient());
    }

    /**
     * {@code ½·mean(max((V − R)², (V_clip − R)²))} with {@code V_clip = V_old + clip(V − V_old, −ε_v, ε_v)}.
     */
    public static ValueLoss value(NDArray values, NDArray oldValues, NDArray returns, NDArray mask,
            double clipRangeValue) {
        NDArray clippedValues = oldValues.add(values.sub(oldValues).clip(-clipRangeValue, clipRangeValue));
        NDArray l1 = values.sub(returns).square();
        NDArray l2 = clippedValues.sub(returns).square();
        NDArray loss = Scalars.muli(maskedMean(l1.maximum(l2), mask), 0.5);
        float clipFrac = maskedMean(l2.gt(l1).toType(DataType.FLOAT32, false), mask).getFloat();
        return new ValueLoss(loss, clipFrac);
    }

    /** Mean per-token entropy of the distributions given by logits (B, T, V) over the mask. */
    public static NDArray entropy(NDArray logits, NDArray mask) {
        NDArray logp = logits.logSoftmax(2);
        NDArray h = logp.exp().mul(logp).sum(new int[] {2}).neg(); // (B, T)
        return maskedMean(h, mask);
    }
}
