package org.align4j.reward.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.align4j.core.nn.Scalars;
import org.align4j.reward.RewardLosses;
import org.align4j.reward.RewardMetrics;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.config.RewardLossConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RatingExamples;
import org.align4j.reward.data.RewardExamples;

/** Evaluates scores of held-out examples: pairwise accuracy and margin, or MSE and correlations; calibration. */
public final class RewardEvaluation {
    private RewardEvaluation() {}

    /** Scores every answer of {@code examples} with {@code scorer} and evaluates them. */
    public static RewardReport evaluate(RewardScorer scorer, RewardExamples examples, RewardLossConfig cfg) {
        RewardExamples.AnswerSet a = examples.answers();
        return of(examples, scorer.score(a.prompts(), a.answers()), cfg);
    }

    /**
     * @param scores one per answer in the order of {@link RewardExamples#answers()}: for pairs every chosen
     *     answer, then every rejected one
     */
    public static RewardReport of(RewardExamples examples, float[] scores, RewardLossConfig cfg) {
        if (scores.length != examples.answers().answers().size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + examples.answers().answers().size()
                    + " answers");
        }
        if (examples instanceof PairExamples p) {
            return pairs(Arrays.copyOfRange(scores, 0, p.size()), Arrays.copyOfRange(scores, p.size(), 2 * p.size()),
                    p.margins(), cfg);
        }
        return ratings(scores, ((RatingExamples) examples).targets(), cfg);
    }

    /** Pairs: accuracy, margin, the loss of the training objective and the chosen-rate calibration. */
    public static PairReport pairs(float[] chosen, float[] rejected, float[] margins, RewardLossConfig cfg) {
        int n = chosen.length;
        float[] all = new float[2 * n];
        float[] isChosen = new float[2 * n];
        System.arraycopy(chosen, 0, all, 0, n);
        System.arraycopy(rejected, 0, all, n, n);
        Arrays.fill(isChosen, 0, n, 1f);
        return new PairReport(n, pairLoss(chosen, rejected, margins, cfg), RewardMetrics.pairwiseAccuracy(chosen, rejected),
                RewardMetrics.meanMargin(chosen, rejected), mean(chosen), mean(rejected), RewardMetrics.spread(all),
                RewardMetrics.calibration(all, isChosen, 0.5, cfg.calibrationBuckets()));
    }

    /** Ratings: MSE, Pearson, Spearman and the positive-rate calibration. */
    public static RatingReport ratings(float[] scores, float[] targets, RewardLossConfig cfg) {
        return new RatingReport(scores.length, RewardMetrics.mse(scores, targets), RewardMetrics.pearson(scores, targets),
                RewardMetrics.spearman(scores, targets),
                RewardMetrics.calibration(scores, targets, cfg.positiveThreshold(), cfg.calibrationBuckets()));
    }

    /** {@link RewardLosses#bradleyTerry} (the training loss) on held-out scores. */
    private static double pairLoss(float[] chosen, float[] rejected, float[] margins, RewardLossConfig cfg) {
        if (chosen.length == 0) {
            return Double.NaN;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mg = cfg.marginScale() > 0 ? Scalars.mul(m.create(margins), (float) cfg.marginScale()) : null;
            return RewardLosses.bradleyTerry(m.create(chosen), m.create(rejected), mg, cfg.centerRewardsCoefficient(),
                    cfg.labelSmoothing())
                    .getFloat();
        }
    }

    private static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }
}
