package org.align4j.feedback.export;

/**
 * How the doctors' feedback is weighted when it becomes training data: KTO examples and weighted pairs (the {@code feedback:} section of dpo and refresh configurations).
 *
 * @param raterWeights weigh each doctor's votes by their reliability (Dawid–Skene, Youden's J) estimated from the
 *     answers several doctors rated; false: every doctor weighs 1
 * @param unsafeWeight the extra weight of a 👎 marked unsafe (≥ 1; 1 treats it as any 👎)
 * @param correctionWeight the weight of a correction's two examples (the corrected answer and the one it replaced)
 */
public record FeedbackWeighting(boolean raterWeights, double unsafeWeight, double correctionWeight) {
    public FeedbackWeighting {
        if (!(unsafeWeight >= 1) || !Double.isFinite(unsafeWeight)) {
            throw new IllegalArgumentException("unsafe_weight: must be a finite number >= 1, got " + unsafeWeight);
        }
        if (!(correctionWeight > 0) || !Double.isFinite(correctionWeight)) {
            throw new IllegalArgumentException("correction_weight: must be a finite number > 0, got " + correctionWeight);
        }
    }

    /** Rater weights on, an unsafe 👎 counts 3×, corrections 1×. */
    public static FeedbackWeighting defaults() {
        return new FeedbackWeighting(true, 3.0, 1.0);
    }

    /** How the unsafe factor reads in a weight's reason: "× 3". */
    public String unsafeFactor() {
        return "× " + java.math.BigDecimal.valueOf(unsafeWeight).stripTrailingZeros().toPlainString();
    }

    /** Every vote weighs 1. */
    public static FeedbackWeighting none() {
        return new FeedbackWeighting(false, 1.0, 1.0);
    }
}
