package org.align4j.reward.config;

import org.align4j.core.train.config.Checks;

/**
 * The {@code reward:} section: the loss's options and the evaluation's.
 *
 * @param marginScale pairs only: the loss is {@code −log σ(r_w − r_l − s·m)} with each pair's {@code margin}
 *     field m (Llama 2's margin loss); 0 (default) ignores margins, the plain Bradley–Terry loss
 * @param centerRewardsCoefficient pairs only: weight c of {@code c·mean((r_w + r_l)²)}, which keeps scores
 *     near zero (TRL's {@code center_rewards_coefficient}; Eisenstein et al. use 0.01); 0 turns it off
 * @param labelSmoothing pairs only: ε of the label-smoothed Bradley–Terry loss, in [0, 0.5): the scores' margin
 *     settles at {@code ln((1−ε)/ε)} instead of growing until every score saturates, which keeps PPO's reward
 *     informative; 0 (default) is the plain loss
 * @param evalBatchSize inputs per forward pass when evaluating and computing reward statistics
 * @param calibrationBuckets score buckets (of equal size) in the calibration table
 * @param positiveThreshold a rating counts as positive (thumbs up) when its score mapped onto [0, 1] exceeds
 *     this: 0.5 means 👍 on the thumbs scale and 4 or 5 on the 1–5 scale
 */
public record RewardLossConfig(
        double marginScale,
        double centerRewardsCoefficient,
        double labelSmoothing,
        int evalBatchSize,
        int calibrationBuckets,
        double positiveThreshold) {

    public RewardLossConfig {
        Checks.nonNegative("margin_scale", marginScale);
        Checks.nonNegative("center_rewards_coefficient", centerRewardsCoefficient);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label_smoothing: must be in [0, 0.5) (the assumed share of flipped"
                    + " labels), got " + labelSmoothing);
        }
        Checks.positive("eval_batch_size", evalBatchSize);
        Checks.positive("calibration_buckets", calibrationBuckets);
        Checks.fraction("positive_threshold", positiveThreshold);
    }

    /** Without label smoothing. */
    public RewardLossConfig(double marginScale, double centerRewardsCoefficient, int evalBatchSize,
            int calibrationBuckets, double positiveThreshold) {
        this(marginScale, centerRewardsCoefficient, 0.0, evalBatchSize, calibrationBuckets, positiveThreshold);
    }

    /** Plain Bradley–Terry, 32 inputs per evaluation batch, 5 calibration buckets, threshold 0.5. */
    public static RewardLossConfig defaults() {
        return new RewardLossConfig(0.0, 0.0, 0.0, 32, 5, 0.5);
    }
}
