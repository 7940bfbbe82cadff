package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.align4j.dpo.Vectors;
import org.align4j.dpo.config.DpoLossConfig;
import org.align4j.dpo.data.ExampleLabels;
import org.align4j.dpo.reference.ReferenceSums;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The configured objective on hand-computed log-probs. */
class PreferenceObjectiveTest {
    @AutoClose
    private final Vectors nd = new Vectors();

    @Test
    void zeroMarginGivesLn2AndTheSftTermAddsTheChosenMeanNll() {
        // chosen: −4 over 2 tokens (mean NLL 2), rejected −9 over 3; the reference equals the policy.
        PairLogProbs policy = new PairLogProbs(nd.v(-4f), nd.v(-9f), nd.v(2f), nd.v(3f));
        ReferenceSums ref = new ReferenceSums(nd.v(-4f), nd.v(-9f));
        PreferenceObjective plain = new PreferenceObjective(DpoLossConfig.defaults());
        assertThat((double) plain.compute(policy, ref).losses().getFloat(0)).isCloseTo(Math.log(2), within(1e-6));
        PreferenceObjective withSft = new PreferenceObjective(new DpoLossConfig("sigmoid", 0.1, 0, 0.5, 0.1, 0.5, "auto"));
        assertThat((double) withSft.compute(policy, ref).losses().getFloat(0)).isCloseTo(Math.log(2) + 0.5 * 2, within(1e-6));
    }

    @Test
    void metricSumsAddUpRewardsLogProbsAndAccuracyWithTiesAsHalf() {
        // pair 0: h = 0.5·((−4+5) − (−8+7)) = 1 → rewards +0.5/−0.5; pair 1: policy = reference, margin 0.
        PairLogProbs policy = new PairLogProbs(nd.v(-4f, -3f), nd.v(-8f, -6f), nd.v(2f, 1f), nd.v(4f, 2f));
        ReferenceSums ref = new ReferenceSums(nd.v(-5f, -3f), nd.v(-7f, -6f));
        PreferenceObjective o = new PreferenceObjective(new DpoLossConfig("sigmoid", 0.5, 0, 0.5, 0.1, 0, "auto"));
        Map<String, Double> s = o.compute(policy, ref).metricSums();
        assertThat(s.get("rewards/chosen")).isCloseTo(0.5, within(1e-6));
        assertThat(s.get("rewards/rejected")).isCloseTo(-0.5, within(1e-6));
        assertThat(s.get("rewards/margins")).isCloseTo(1.0, within(1e-6));
        assertThat(s.get("rewards/accuracies")).isEqualTo(1.0); // strict: the tie does not count
        assertThat(s.get("preference_accuracy")).isEqualTo(1.5); // the tie counts half
        assertThat(s.get("logps/chosen")).isEqualTo(-7.0);
        assertThat(s.get("logps/rejected")).isEqualTo(-14.0);
        assertThat(s.get("nll/chosen")).isCloseTo(2.0 + 3.0, within(1e-6));
        assertThat(s.get("loss")).isCloseTo(Math.log(1 + Math.exp(-1)) + Math.log(2), within(1e-6));
    }

    @Test
    void lengthNormalisedDpoComparesPerTokenLogRatiosSoALongerChosenAnswerNoLongerLosesByItsLength() {
        // chosen: 10 tokens, log-ratio −2 in sum (−0.2 a token); rejected: 2 tokens, log-ratio −1 (−0.5 a token).
        PairLogProbs policy = new PairLogProbs(nd.v(-32f), nd.v(-9f), nd.v(10f), nd.v(2f));
        ReferenceSums ref = new ReferenceSums(nd.v(-30f), nd.v(-8f));
        // summed, β 1: h = −2 − (−1) = −1, the longer chosen answer loses
        PreferenceObjective summed = new PreferenceObjective(new DpoLossConfig("sigmoid", 1, 0, 0.5, 0.1, 0, "auto"));
        assertThat((double) summed.compute(policy, ref).preference().margins().getFloat(0)).isCloseTo(-1, within(1e-6));
        // averaged, β 2: h = 2·(−0.2 − (−0.5)) = 0.6; loss −log σ(0.6); rewards 2·(−0.2) and 2·(−0.5)
        PreferenceObjective ln = new PreferenceObjective(
                new DpoLossConfig("sigmoid", 2, 0, 0.5, 0.1, 0, "auto", true, 0, false, 16, 64));
        PreferenceObjective.Result r = ln.compute(policy, ref);
        assertThat((double) r.preference().margins().getFloat(0)).isCloseTo(0.6, within(1e-6));
        assertThat((double) r.losses().getFloat(0)).isCloseTo(Math.log(1 + Math.exp(-0.6)), within(1e-6));
        assertThat((double) r.preference().chosenRewards().getFloat(0)).isCloseTo(-0.4, within(1e-6));
        assertThat((double) r.preference().rejectedRewards().getFloat(0)).isCloseTo(-1.0, within(1e-6));
        // IPO on the same per-token ratios: (h/β − 1/(2β))² = (0.3 − 0.25)²
        PreferenceObjective ipo = new PreferenceObjective(
                new DpoLossConfig("ipo", 2, 0, 0.5, 0.1, 0, "auto", true, 0, false, 16, 64));
        assertThat((double) ipo.compute(policy, ref).losses().getFloat(0)).isCloseTo(0.0025, within(1e-6));
    }

    @Test
    void referenceFreeLossesUseLengthAveragedLogProbs() {
        PairLogProbs policy = new PairLogProbs(nd.v(-2f), nd.v(-6f), nd.v(2f), nd.v(4f)); // averages −1 and −1.5
        PreferenceObjective simpo = new PreferenceObjective(new DpoLossConfig("simpo", 2, 0, 0.5, 0.1, 0, "none"));
        // h = 2·(−1 + 1.5) − 0.5 = 0.5
        assertThat((double) simpo.compute(policy, null).losses().getFloat(0)).isCloseTo(Math.log(1 + Math.exp(-0.5)),
                within(1e-6));
        PreferenceObjective orpo = new PreferenceObjective(new DpoLossConfig("orpo", 0.1, 0, 0.5, 0.2, 0, "none"));
        double pw = Math.exp(-1);
        double pl = Math.exp(-1.5);
        double logOdds = Math.log(pw / (1 - pw)) - Math.log(pl / (1 - pl));
        assertThat((double) orpo.compute(policy, null).losses().getFloat(0))
                .isCloseTo(1.0 + 0.2 * Math.log(1 + Math.exp(-logOdds)), within(1e-5));
    }

    @Test
    void pairWeightsMultiplyEachPairsLossAndKtoUsesTheMismatchedRowsOnlyForItsReferencePoint() {
        PairLogProbs policy = new PairLogProbs(nd.v(-4f, -3f), nd.v(-8f, -6f), nd.v(2f, 1f), nd.v(4f, 2f));
        ReferenceSums ref = new ReferenceSums(nd.v(-4f, -3f), nd.v(-8f, -6f));
        PreferenceObjective dpo = new PreferenceObjective(DpoLossConfig.defaults());
        float[] weighted = dpo.compute(policy, ref, new org.align4j.dpo.data.ExampleLabels(new float[] {1, 1},
                new float[] {2f, 0.5f})).losses().toFloatArray();
        assertThat((double) weighted[0]).isCloseTo(2 * Math.log(2), within(1e-6));
        assertThat((double) weighted[1]).isCloseTo(0.5 * Math.log(2), within(1e-6));
        // KTO: rows are (labelled, mismatched); mismatched ratios 1 and 3 → z = 2; labelled ratios 0
        PreferenceObjective kto = new PreferenceObjective(new DpoLossConfig("kto", 1.0, 0, 0.5, 0.1, 0, "auto"), 1.0, 1.0);
        PairLogProbs p2 = new PairLogProbs(nd.v(-4f, -3f), nd.v(-7f, -3f), nd.v(2f, 1f), nd.v(4f, 2f));
        Map<String, Double> s = kto.compute(p2, ref, new org.align4j.dpo.data.ExampleLabels(new float[] {1, 0},
                new float[] {1, 1})).metricSums();
        double desirable = 1 - 1 / (1 + Math.exp(2)); // 1 − σ(β(0 − 2))
        double undesirable = 1 - 1 / (1 + Math.exp(-2)); // 1 − σ(β(2 − 0))
        assertThat(s.get("loss")).isCloseTo(desirable + undesirable, within(1e-5));
        assertThat(s.get("kto/kl")).isCloseTo(2 * 2, within(1e-5)); // z per row, summed over the two rows
        assertThat(s.get("kto/desirable_share")).isEqualTo(1.0);
    }

    @Test
    void lengthNormalisedKtoUsesPerTokenLogRatiosForTheRewardAndTheReferencePoint() {
        // row 0 desirable: policy −6 over 3 tokens, reference −9 → per token +1 (summed +3)
        // row 1 undesirable: policy −10 over 5 tokens, reference −5 → per token −1 (summed −5)
        // mismatched: −8 over 4 tokens vs −12 → +1 (summed +4); −4 over 2 tokens vs −6 → +1 (summed +2)
        PairLogProbs policy = new PairLogProbs(nd.v(-6f, -10f), nd.v(-8f, -4f), nd.v(3f, 5f), nd.v(4f, 2f));
        ReferenceSums ref = new ReferenceSums(nd.v(-9f, -5f), nd.v(-12f, -6f));
        ExampleLabels labels = new ExampleLabels(new float[] {1, 0}, new float[] {1, 1});
        PreferenceObjective ln = new PreferenceObjective(
                new DpoLossConfig("kto", 2, 0, 0.5, 0.1, 0, "auto", true, 0, false, 16, 64), 1.0, 1.0);
        PreferenceObjective.Result r = ln.compute(policy, ref, labels);
        float[] losses = r.losses().toFloatArray();
        assertThat((double) losses[0]).isCloseTo(0.5, within(1e-6)); // 1 − σ(2 (1 − z)), z = mean(1, 1) = 1
        assertThat((double) losses[1]).isCloseTo(1 - sigmoid(2 * (1 - (-1))), within(1e-6)); // 1 − σ(β (z − r))
        assertThat(r.metricSums().get("kto/kl")).isCloseTo(1 * 2, within(1e-5));
        // summed: z = mean(4, 2) = 3, so the desirable answer's +3 sits at the reference point too
        PreferenceObjective summed = new PreferenceObjective(new DpoLossConfig("kto", 2, 0, 0.5, 0.1, 0, "auto"), 1.0,
                1.0);
        PreferenceObjective.Result rs = summed.compute(policy, ref, labels);
        assertThat((double) rs.losses().toFloatArray()[1]).isCloseTo(1 - sigmoid(2 * (3 - (-5))), within(1e-6));
        assertThat(rs.metricSums().get("kto/kl")).isCloseTo(3 * 2, within(1e-5));
    }

    @Test
    void aKtoExamplesWeightScalesItsSftTermTooAsAPairsDoes() {
        // one desirable answer at the reference point (r = z = 0): KTO loss 0.5; mean token NLL 8 / 4 = 2
        PairLogProbs policy = new PairLogProbs(nd.v(-8f, -8f), nd.v(-6f, -6f), nd.v(4f, 4f), nd.v(3f, 3f));
        ReferenceSums ref = new ReferenceSums(nd.v(-8f, -8f), nd.v(-6f, -6f));
        PreferenceObjective kto = new PreferenceObjective(new DpoLossConfig("kto", 0.5, 0, 0.5, 0.1, 1.5, "auto"), 1.0,
                1.0);
        float[] losses = kto.compute(policy, ref, new ExampleLabels(new float[] {1, 1}, new float[] {0.4f, 1.6f}))
                .losses().toFloatArray();
        assertThat((double) losses[0]).isCloseTo(0.4 * (0.5 + 1.5 * 2), within(1e-5));
        assertThat((double) losses[1]).isCloseTo(1.6 * (0.5 + 1.5 * 2), within(1e-5));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
