package org.align4j.dpo.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.align4j.dpo.Vectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Hand-computed values of the KTO loss, its reference point and its class-balance rule. */
class KtoLossesTest {
    @AutoClose
    private final Vectors nd = new Vectors();

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void atTheReferenceEveryExampleCostsHalfItsWeight() {
        // r = 0, z = 0: 1 − σ(0) = 0.5 for both kinds
        PreferenceLoss l = KtoLosses.kto(nd.v(-3f, -4f), nd.v(-3f, -4f), nd.v(1f, 0f), nd.v(0f).reshape(),
                0.1, 1.0, 2.0);
        assertThat(l.losses().toFloatArray()).containsExactly(new float[] {0.5f, 1.0f}, within(1e-6f));
    }

    @Test
    void lossMatchesHandComputation() {
        // desirable: r = −2 − (−3) = 1; undesirable: r = −5 − (−4) = −1; z = 0.5, β = 0.5
        // desirable: λ_D (1 − σ(0.5 · (1 − 0.5))) = 1 − σ(0.25); undesirable: λ_U (1 − σ(0.5 · (0.5 + 1))) = 1.5 (1 − σ(0.75))
        PreferenceLoss l = KtoLosses.kto(nd.v(-2f, -5f), nd.v(-3f, -4f), nd.v(1f, 0f), nd.v(0.5f).reshape(),
                0.5, 1.0, 1.5);
        float[] losses = l.losses().toFloatArray();
        assertThat((double) losses[0]).isCloseTo(1 - sigmoid(0.25), within(1e-6));
        assertThat((double) losses[1]).isCloseTo(1.5 * (1 - sigmoid(0.75)), within(1e-6));
        assertThat(l.chosenRewards().toFloatArray()).containsExactly(new float[] {0.5f, 0f}, within(1e-6f));
        assertThat(l.rejectedRewards().toFloatArray()).containsExactly(new float[] {0f, -0.5f}, within(1e-6f));
    }

    @Test
    void referencePointIsTheClampedMeanMismatchedLogRatio() {
        // ratios 1 and −3: mean −1 → clamped to 0; ratios 2 and 0: mean 1
        assertThat(KtoLosses.referencePoint(nd.v(-1f, -5f), nd.v(-2f, -2f)).getFloat()).isZero();
        assertThat(KtoLosses.referencePoint(nd.v(0f, -2f), nd.v(-2f, -2f)).getFloat()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void gradientRaisesDesirableAndLowersUndesirableLogProbs() {
        NDArray policy = nd.v(-2f, -5f);
        policy.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = KtoLosses.kto(policy, nd.v(-3f, -4f), nd.v(1f, 0f), nd.v(0.2f).reshape(), 0.1, 1.0, 1.0)
                    .losses().sum();
            gc.backward(loss);
        }
        float[] g = policy.getGradient().toFloatArray();
        assertThat(g[0]).isNegative(); // descending the loss raises the desirable answer's log-prob
        assertThat(g[1]).isPositive(); // and lowers the undesirable one's
        // d/dr [1 − σ(β(r − z))] = −β σ(1 − σ) at β(r − z) = 0.1 · 0.8
        double s = sigmoid(0.08);
        assertThat((double) g[0]).isCloseTo(-0.1 * s * (1 - s), within(1e-6));
    }

    @Test
    void balanceRuleAcceptsOneToFourThirdsAndSuggestsAWeight() {
        assertThat(new KtoBalance(100, 100, 1, 1).warning()).isEmpty();
        assertThat(new KtoBalance(130, 100, 1, 1).balanced()).isTrue(); // 1.3
        KtoBalance skewed = new KtoBalance(800, 200, 1, 1); // ratio 4
        assertThat(skewed.balanced()).isFalse();
        assertThat(skewed.balancingUndesirableWeight()).isEqualTo(4.0);
        assertThat(skewed.warning()).get().asString().contains("4.000").contains("undesirable_weight to 4");
        assertThat(new KtoBalance(100, 200, 1, 1).balanced()).isFalse(); // 0.5: too few desirable
        assertThat(new KtoBalance(5, 0, 1, 1).warning()).get().asString().contains("0 undesirable");
        assertThatThrownBy(() -> new KtoBalance(0, 5, 1, 1).balancingUndesirableWeight())
                .hasMessageContaining("0 desirable");
    }

    /**
     * Why rater-aware KTO labels an answer by its posterior p and weighs it |2p − 1| (UnpairedExport): the expected
     * loss under the soft label, p·L_D + (1 − p)·L_U, differs from (2p − 1)·L_D by a constant, because
     * L_D + L_U = (1 − σ(βx)) + (1 − σ(−βx)) = 1 at any x = r − z; so both train the same way.
     */
    @Test
    void aSoftLabelTrainsLikeTheHardLabelWeighedTwicePMinusOne() {
        double p = 0.8;
        double beta = 0.5;
        NDArray z = nd.v(0.5f).reshape();
        float[] soft = KtoLosses.kto(nd.v(-2f, 1f), nd.v(-3f, 0f), nd.v((float) p, (float) p), z, beta, 1, 1).losses()
                .toFloatArray(); // r = 1 and r = 1 again: both rows equal
        float[] softFar = KtoLosses.kto(nd.v(1f), nd.v(-3f), nd.v((float) p), z, beta, 1, 1).losses()
                .toFloatArray(); // r = 4
        double lD1 = 1 - sigmoid(beta * (1 - 0.5));
        double lD4 = 1 - sigmoid(beta * (4 - 0.5));
        assertThat((double) soft[0]).isCloseTo(p * lD1 + (1 - p) * (1 - sigmoid(beta * (0.5 - 1))), within(1e-6));
        assertThat((double) soft[0] - softFar[0]).isCloseTo((2 * p - 1) * (lD1 - lD4), within(1e-6));
        assertThat((double) soft[1]).isCloseTo(soft[0], within(1e-7));
    }
}
