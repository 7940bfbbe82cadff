package org.align4j.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed values of the reward-model losses, metrics and truncation. */
class RewardMathTest {
    @Test
    void bradleyTerryIsLn2AtEqualScoresAndMatchesHandValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            var zero = RewardLosses.bradleyTerry(m.create(new float[] {1.5f}), m.create(new float[] {1.5f}), null, 0);
            assertThat((double) zero.getFloat()).isCloseTo(Math.log(2), within(1e-6));
            // r_w − r_l = 2 and 0 → mean(softplus(−2), softplus(0))
            var l = RewardLosses.bradleyTerry(m.create(new float[] {1f, 0f}), m.create(new float[] {-1f, 0f}), null, 0);
            assertThat((double) l.getFloat()).isCloseTo((Math.log1p(Math.exp(-2)) + Math.log(2)) / 2, within(1e-6));
            // margin 1 on the first pair: softplus(−(2 − 1)); centring 0.01·mean((0)², (0)²) = 0
            var withMargin = RewardLosses.bradleyTerry(m.create(new float[] {1f, 0f}), m.create(new float[] {-1f, 0f}),
                    m.create(new float[] {1f, 0f}), 0.01);
            assertThat((double) withMargin.getFloat()).isCloseTo((Math.log1p(Math.exp(-1)) + Math.log(2)) / 2, within(1e-6));
            var centred = RewardLosses.bradleyTerry(m.create(new float[] {2f}), m.create(new float[] {1f}), null, 0.5);
            assertThat((double) centred.getFloat()).isCloseTo(Math.log1p(Math.exp(-1)) + 0.5 * 9, within(1e-5));
        }
    }

    @Test
    void labelSmoothingGivesTheBradleyTerryLossAFiniteOptimumMargin() {
        try (NDManager m = NDManager.newBaseManager()) {
            // d = 2, ε = 0.1: 0.9·softplus(−2) + 0.1·softplus(2)
            var l = RewardLosses.bradleyTerry(m.create(new float[] {1f}), m.create(new float[] {-1f}), null, 0, 0.1);
            assertThat((double) l.getFloat()).isCloseTo(0.9 * Math.log1p(Math.exp(-2)) + 0.1 * Math.log1p(Math.exp(2)),
                    within(1e-6));
            // the loss is smallest at d = ln(0.9/0.1) = 2.197 and rises beyond it: no reward for saturating
            double best = ls(m, Math.log(9), 0.1);
            assertThat(ls(m, 1.5, 0.1)).isGreaterThan(best);
            assertThat(ls(m, 3.0, 0.1)).isGreaterThan(best);
            assertThat(ls(m, 6.0, 0.1)).isGreaterThan(ls(m, 3.0, 0.1));
            // without smoothing the loss keeps falling with the margin
            assertThat(ls(m, 6.0, 0)).isLessThan(ls(m, 3.0, 0));
        }
    }

    private static double ls(NDManager m, double diff, double eps) {
        return RewardLosses.bradleyTerry(m.create(new float[] {(float) diff}), m.create(new float[] {0f}), null, 0, eps)
                .getFloat();
    }

    @Test
    void scoreSpreadTellsASaturatedClassifierFromSpreadScores() {
        // every score at ±3.06 (issue 16's reward model): all at the extremes
        RewardMetrics.ScoreSpread saturated = RewardMetrics.spread(new float[] {3.06f, -3.06f, 3.06f, -3.06f});
        assertThat(saturated.std()).isCloseTo(3.06, within(1e-6));
        assertThat(saturated.nearMaxShare()).isEqualTo(1.0);
        // 0, 1, ..., 10: mean 5, largest distance 5; |x − 5| ≥ 4.5 only for 0 and 10
        float[] spread = new float[11];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = i;
        }
        RewardMetrics.ScoreSpread s = RewardMetrics.spread(spread);
        assertThat(s.std()).isCloseTo(Math.sqrt(10), within(1e-6));
        assertThat(s.nearMaxShare()).isCloseTo(2 / 11.0, within(1e-9));
        assertThat(RewardMetrics.spread(new float[] {1f, 1f}).nearMaxShare()).isEqualTo(0.0);
    }

    @Test
    void mseMatchesHandValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            var l = RewardLosses.mse(m.create(new float[] {1f, 3f}), m.create(new float[] {0f, 5f}));
            assertThat(l.getFloat()).isCloseTo(2.5f, within(1e-6f));
        }
    }

    @Test
    void pairMetricsMatchHandValues() {
        float[] c = {1f, 2f, 0f, 5f};
        float[] r = {0f, 3f, 0f, 1f};
        assertThat(RewardMetrics.pairwiseAccuracy(c, r)).isEqualTo(0.5);
        assertThat(RewardMetrics.meanMargin(c, r)).isCloseTo((1 - 1 + 0 + 4) / 4.0, within(1e-12));
    }

    @Test
    void ratingMetricsMatchHandValues() {
        float[] pred = {1f, 2f, 3f, 4f};
        float[] y = {2f, 4f, 6f, 100f};
        assertThat(RewardMetrics.spearman(pred, y)).isCloseTo(1.0, within(1e-12));
        assertThat(RewardMetrics.pearson(pred, new float[] {2f, 4f, 6f, 8f})).isCloseTo(1.0, within(1e-12));
        assertThat(RewardMetrics.mse(pred, new float[] {1f, 2f, 3f, 6f})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void calibrationBucketsReportPositiveRatesByScore() {
        float[] scores = {-2f, -1f, 1f, 2f};
        float[] thumbs = {0f, 0f, 1f, 1f};
        List<RewardMetrics.CalibrationBucket> t = RewardMetrics.calibration(scores, thumbs, 0.5, 2);
        assertThat(t).hasSize(2);
        assertThat(t.get(0).positiveRate()).isZero();
        assertThat(t.get(1).positiveRate()).isEqualTo(1.0);
        assertThat(t.get(1).meanScore()).isEqualTo(1.5);
    }

    @Test
    void truncationDropsTheStartOfThePromptAndKeepsTheAnswer() {
        PairTruncation.Fitted f = PairTruncation.fit(new int[] {1, 2, 3, 4, 5}, new int[] {7, 8}, 8, false);
        assertThat(f.answer()).containsExactly(7, 8);
        assertThat(f.prompt()).containsExactly(3, 4, 5);
        assertThat(f.promptTokensDropped()).isEqualTo(2);
        assertThat(f.answerTokensDropped()).isZero();
    }

    @Test
    void anAnswerThatCannotFitIsAnErrorUnlessCuttingIsAllowed() {
        assertThatThrownBy(() -> PairTruncation.fit(new int[] {1}, new int[] {1, 2, 3, 4, 5, 6}, 6, false))
                .hasMessageContaining("the answer has 6 tokens").hasMessageContaining("truncate_answers");
        PairTruncation.Fitted f = PairTruncation.fit(new int[] {1}, new int[] {1, 2, 3, 4, 5, 6}, 6, true);
        assertThat(f.answer()).containsExactly(1, 2, 3);
        assertThat(f.prompt()).isEmpty();
        assertThat(f.answerTokensDropped()).isEqualTo(3);
    }
}
