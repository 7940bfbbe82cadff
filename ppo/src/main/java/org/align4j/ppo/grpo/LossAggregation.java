package org.align4j.ppo.grpo;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.Scalars;
import org.align4j.ppo.config.EnumSetting;

/**
 * How per-token losses of a minibatch become one number. Each micro-batch contributes
 * {@link #numerator}{@code / }{@link #denominator} with the denominator of the whole minibatch, so that
 * micro-batches sum to exactly the minibatch's loss.
 * <ul>
 *   <li>{@code token}: the mean over every answer token of the minibatch (DAPO, Yu et al. 2025, §3.3: long
 *       answers are not down-weighted per token);</li>
 *   <li>{@code sequence}: each answer's mean over its tokens, then the mean over answers (GRPO as written,
 *       Shao et al. 2024, eq. 3: a short answer's tokens weigh more);</li>
 *   <li>{@code constant}: the sum over tokens divided by answers × max_new_tokens (Dr. GRPO, Liu et al.
 *       2025: no length normalisation, so no length bias).</li>
 * </ul>
 */
public enum LossAggregation {
    TOKEN, SEQUENCE, CONSTANT;

    public static LossAggregation parse(String s) {
        return EnumSetting.parse(LossAggregation.class, "loss_aggregation", s);
    }

    /** This micro-batch's sum: of tokens (token, constant), or of per-answer token means (sequence). */
    public NDArray numerator(NDArray perToken, NDArray mask) {
        NDArray masked = perToken.mul(mask); // (B, T)
        if (this != SEQUENCE) {
            return masked.sum();
        }
        return masked.sum(new int[] {1}).div(Scalars.maximum(mask.sum(new int[] {1}), 1f)).sum(); // (B) → ()
    }

    /**
     * The minibatch's denominator.
     *
     * @param lengths the answer lengths of every row of the minibatch
     * @param maxNewTokens the generation limit (the constant of Dr. GRPO)
     */
    public double denominator(int[] lengths, int maxNewTokens) {
        return switch (this) {
            case TOKEN -> Math.max(1, java.util.Arrays.stream(lengths).asLongStream().sum());
            case SEQUENCE -> lengths.length;
            case CONSTANT -> (double) lengths.length * maxNewTokens;
        };
    }
}
