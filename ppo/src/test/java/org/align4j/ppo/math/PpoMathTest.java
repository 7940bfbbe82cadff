package org.align4j.ppo.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Hand-computed values for GAE, the clipped losses, KL estimators, the KL controller and token rewards. */
class PpoMathTest {
    @Test
    void gaeMatchesHandComputationAndIgnoresPadding() {
        float[][] rewards = {{1, 0, 2}, {1, 3, 9}};
        float[][] values = {{0.5f, 0.2f, 1.0f}, {0, 1, 5}};
        Gae.Result r = Gae.compute(rewards, values, new int[] {3, 2}, 0.9, 0.8);
        assertThat(r.advantages()[0][2]).isCloseTo(1.0f, within(1e-6f));
        assertThat(r.advantages()[0][1]).isCloseTo(1.42f, within(1e-6f));
        assertThat(r.advantages()[0][0]).isCloseTo(1.7024f, within(1e-6f));
        assertThat(r.returns()[0][0]).isCloseTo(2.2024f, within(1e-6f));
        assertThat(r.advantages()[1]).containsExactly(new float[] {3.34f, 2f, 0f}, within(1e-6f));
        assertThat(r.returns()[1][2]).isZero();
    }

    @Test
    void whiteningGivesZeroMeanUnitVarianceOverTheMaskOnly() {
        float[][] w = Gae.whiten(new float[][] {{1, 2, 3}, {4, 100, 100}}, new int[] {3, 1}, true);
        // values 1,2,3,4: mean 2.5, unbiased std sqrt(5/3)
        double std = Math.sqrt(5.0 / 3);
        assertThat((double) w[0][0]).isCloseTo(-1.5 / std, within(1e-6));
        assertThat((double) w[1][0]).isCloseTo(1.5 / std, within(1e-6));
        assertThat(w[1][1]).isZero();
    }

    @Test
    void clippedPolicyLossMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            var logp = m.create(new float[] {(float) Math.log(1.5), (float) Math.log(0.5)}).reshape(1, 2);
            var old = m.zeros(new ai.djl.ndarray.types.Shape(1, 2));
            var adv = m.create(new float[] {1, -1}).reshape(1, 2);
            var mask = m.ones(new ai.djl.ndarray.types.Shape(1, 2));
            PpoLosses.PolicyLoss l = PpoLosses.policy(logp, old, adv, mask, 0.2);
            assertThat(l.loss().getFloat()).isCloseTo(-0.2f, within(1e-6f));
            assertThat(l.clipFraction()).isEqualTo(1f);
            double expectedKl = 0.25 * (Math.pow(Math.log(1.5), 2) + Math.pow(Math.log(0.5), 2));
            assertThat((double) l.approxKl()).isCloseTo(expectedKl, within(1e-6));
            // Inside the clip range the loss is the plain surrogate −A·ρ and nothing is clipped.
            var near = m.create(new float[] {(float) Math.log(1.1), 0f}).reshape(1, 2);
            PpoLosses.PolicyLoss n = PpoLosses.policy(near, old, adv, mask, 0.2);
            assertThat(n.loss().getFloat()).isCloseTo((-1.1f + 1f) / 2, within(1e-6f));
            assertThat(n.clipFraction()).isZero();
        }
    }

    @Test
    void clippedValueLossMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            var one = m.ones(new ai.djl.ndarray.types.Shape(1, 1));
            PpoLosses.ValueLoss l = PpoLosses.value(one.mul(2), one, one.mul(3), one, 0.5);
            assertThat(l.loss().getFloat()).isCloseTo(1.125f, within(1e-6f));
            assertThat(l.clipFraction()).isEqualTo(1f);
        }
    }

    @Test
    void maskedMeanIgnoresMaskedPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            var x = m.create(new float[] {1, 2, 100}).reshape(1, 3);
            var mask = m.create(new float[] {1, 1, 0}).reshape(1, 3);
            assertThat(PpoLosses.maskedMean(x, mask).getFloat()).isCloseTo(1.5f, within(1e-6f));
        }
    }

    @Test
    void klEstimatorsMatchHandComputation() {
        assertThat(KlEstimator.K1.estimate(-1, -2)).isCloseTo(1.0, within(1e-12));
        assertThat(KlEstimator.K3.estimate(-1, -2)).isCloseTo(Math.exp(-1) - 1 + 1, within(1e-12));
        assertThat(KlEstimator.K3.estimate(-2, -1)).isPositive();
        assertThat(KlEstimator.K1.estimate(-2, -1)).isNegative();
        assertThatThrownBy(() -> KlEstimator.parse("k2")).hasMessageContaining("use k1 or k3");
    }

    @Test
    void adaptiveKlControllerFollowsZieglerUpdate() {
        KlController c = KlController.adaptive(0.1, 6, 10_000);
        c.update(12, 256); // error clipped to +0.2
        assertThat(c.beta()).isCloseTo(0.1 * (1 + 0.2 * 256 / 10_000.0), within(1e-12));
        double before = c.beta();
        c.update(3, 256); // error −0.5 clipped to −0.2
        assertThat(c.beta()).isCloseTo(before * (1 - 0.2 * 256 / 10_000.0), within(1e-12));
        c.update(6.6, 100); // error +0.1
        KlController f = KlController.fixed(0.05);
        f.update(100, 1000);
        assertThat(f.beta()).isEqualTo(0.05);
        assertThatThrownBy(() -> KlController.adaptive(0.1, 0, 1)).hasMessageContaining("target_kl must be > 0");
    }

    @Test
    void tokenRewardsPenaliseKlAndAddTheScoreOnTheLastToken() {
        TokenRewards.Result r = TokenRewards.compute(new float[][] {{-1, -2, 0}}, new float[][] {{-1.5f, -1, 0}},
                new float[] {3}, new int[] {2}, 0.5, KlEstimator.K1);
        assertThat(r.kl()[0]).containsExactly(new float[] {0.5f, -1f, 0f}, within(1e-6f));
        assertThat(r.rewards()[0]).containsExactly(new float[] {-0.25f, 3.5f, 0f}, within(1e-6f));
    }
}
