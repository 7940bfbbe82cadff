package org.align4j.feedback.export;

/**
 * How the doctors' feedback is weighted when it becomes training data: KTO examples and weighted pairs (the {@code feedback:} section of dpo and refresh configurations).
 *
 * @param raterWeights label and weigh by the doctors' reliabilities (Dawid–Skene, estimated from the answers several
 *     doctors rated): a pair weighs P(chosen good) − P(rejected good), a KTO example is one answer labelled by its
 *     posterior P(good) and weighing |2 P(good) − 1|; false: every vote is an example, every pair and vote weighs 1
 * @param unsafeWeight the extra weight of a 👎 marked unsafe (≥ 1; 1 treats it as any 👎)
 * @param correctionWeight the weight of a correction's two examples (the corrected answer and the one it replaced)
 * @param minWeight with rater weights, pairs and answers whose weight is below this are left out: their votes do not
 *     tell the order or the label. One vote of a doctor whose Youden's J is j moves P(good) from 0.5 to (1 ± j)/2,
 *     a weight of j. A doctor who votes at random is estimated at |j| of 0.1–0.25 from 70 shared prompts (the
 *     estimate's standard error is about 1/√n; the prior, the mean posterior, adds a little): in one of three
 *     simulated panels (simulate-panel --shared 0.2, seed 3) their lone 👎 weighed 0.200 and made 85 examples, 46 of
 *     them wrong. Hence the default 0.3, well below one vote of a reliable doctor (0.7–0.8)
 */
public record FeedbackWeighting(boolean raterWeights, double unsafeWeight, double correctionWeight, double minWeight) {
    /** {@code min_weight}'s default (see above). */
    public static final double DEFAULT_MIN_WEIGHT = 0.3;

    public FeedbackWeighting {
        if (!(unsafeWeight >= 1) || !Double.isFinite(unsafeWeight)) {
            throw new IllegalArgumentException("unsafe_weight: must be a finite number >= 1, got " + unsafeWeight);
        }
        if (!(correctionWeight > 0) || !Double.isFinite(correctionWeight)) {
            throw new IllegalArgumentException("correction_weight: must be a finite number > 0, got " + correctionWeight);
        }
        if (!(minWeight >= 0 && minWeight < 1)) {
            throw new IllegalArgumentException("min_weight: must be in [0, 1) (the weights it compares with are at"
                    + " most 1), got " + minWeight);
        }
    }

    /** With the default {@code min_weight}. */
    public FeedbackWeighting(boolean raterWeights, double unsafeWeight, double correctionWeight) {
        this(raterWeights, unsafeWeight, correctionWeight, DEFAULT_MIN_WEIGHT);
    }

    /** Rater weights on, an unsafe 👎 counts 3×, corrections 1×, weights below 0.3 left out. */
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
