package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Loss averaging, the k3 KL term and its gradient, against hand-computed values. */
class GrpoLossesTest {
    private static final float[] PER_TOKEN = {2, 9, 9, 1, 2, 6};
    private static final float[] MASK = {1, 0, 0, 1, 1, 1}; // lengths 1 and 3

    @Test
    void tokenSequenceAndConstantAveragingMatchHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(PER_TOKEN, new Shape(2, 3));
            NDArray mask = m.create(MASK, new Shape(2, 3));
            int[] len = {1, 3};
            assertThat(ratio(LossAggregation.TOKEN, x, mask, len)).isCloseTo((2 + 9) / 4.0, within(1e-6));
            assertThat(ratio(LossAggregation.SEQUENCE, x, mask, len)).isCloseTo((2 + 9 / 3.0) / 2, within(1e-6));
            assertThat(ratio(LossAggregation.CONSTANT, x, mask, len)).isCloseTo(11 / (2 * 4.0), within(1e-6));
        }
    }

    @Test
    void microBatchesSumToTheMinibatchLossUnderEveryAveraging() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(PER_TOKEN, new Shape(2, 3));
            NDArray mask = m.create(MASK, new Shape(2, 3));
            for (LossAggregation a : LossAggregation.values()) {
                double d = a.denominator(new int[] {1, 3}, 4);
                double parts = a.numerator(x.get("0:1"), mask.get("0:1")).getFloat() / d
                        + a.numerator(x.get("1:2"), mask.get("1:2")).getFloat() / d;
                assertThat(parts).as(a.name()).isCloseTo(ratio(a, x, mask, new int[] {1, 3}), within(1e-6));
            }
        }
    }

    @Test
    void k3IsTheSchulmanEstimatorAndItsGradientPullsTowardsTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            // π = 0.5 and 0.125 where π_ref = 0.25: above and below the reference
            NDArray logp = m.create(new float[] {(float) Math.log(0.5), (float) Math.log(0.125)}, new Shape(1, 2));
            NDArray ref = m.create(new float[] {(float) Math.log(0.25), (float) Math.log(0.25)}, new Shape(1, 2));
            logp.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray kl = GrpoLosses.k3(logp, ref);
                // r = π_ref/π: 0.5 → 0.5 − ln 0.5 − 1; 2 → 2 − ln 2 − 1
                assertThat(kl.toFloatArray()).containsExactly(new float[] {(float) (Math.log(2) - 0.5),
                        (float) (1 - Math.log(2))}, within(1e-6f));
                gc.backward(kl.sum());
            }
            // d/d log π = 1 − π_ref/π: positive above the reference (descent lowers log π), negative below
            float[] g = logp.getGradient().toFloatArray();
            assertThat(g).containsExactly(new float[] {0.5f, -1f}, within(1e-6f));
        }
    }

    @Test
    void theKlTermAddsBetaTimesK3AndItsGradientSignToThePolicyLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logp = m.create(new float[] {(float) Math.log(0.5)}, new Shape(1, 1));
            NDArray ref = m.create(new float[] {(float) Math.log(0.25)}, new Shape(1, 1));
            NDArray zeroAdv = m.zeros(new Shape(1, 1));
            NDArray mask = m.ones(new Shape(1, 1));
            logp.setRequiresGradient(true);
            GrpoLosses.Terms t;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                t = GrpoLosses.policy(logp, logp.stopGradient(), ref, zeroAdv, mask, 0.2, 0.1, LossAggregation.TOKEN, 1);
                gc.backward(t.loss());
            }
            assertThat((double) t.loss().getFloat()).isCloseTo(0.1 * (Math.log(2) - 0.5), within(1e-6));
            assertThat(t.klSum()).isCloseTo(Math.log(2) - 0.5, within(1e-6));
            assertThat(logp.getGradient().getFloat()).isCloseTo(0.1f * 0.5f, within(1e-6f));
        }
    }

    @Test
    void theSurrogateBroadcastsOneAdvantagePerAnswerAndCountsClippedTokens() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ratios 1.5 and 1.1 on answer 0 (A = 1); ratio 0.5 on answer 1 (A = −1), its second token padding
            NDArray logp = m.create(new float[] {(float) Math.log(1.5), (float) Math.log(1.1), (float) Math.log(0.5), 5f},
                    new Shape(2, 2));
            NDArray old = m.zeros(new Shape(2, 2));
            NDArray adv = m.create(new float[] {1, -1}, new Shape(2, 1));
            NDArray mask = m.create(new float[] {1, 1, 1, 0}, new Shape(2, 2));
            GrpoLosses.Terms t = GrpoLosses.policy(logp, old, null, adv, mask, 0.2, 0.1, LossAggregation.TOKEN, 3);
            // −min(1.5, 1.2) = −1.2; −1.1; A<0: max(0.5, 0.8) = 0.8
            assertThat((double) t.loss().getFloat()).isCloseTo((-1.2 - 1.1 + 0.8) / 3, within(1e-6));
            assertThat(t.clippedTokens()).isEqualTo(2);
            assertThat(t.tokens()).isEqualTo(3);
            assertThat(t.klSum()).isZero();
        }
    }

    private static double ratio(LossAggregation a, NDArray x, NDArray mask, int[] len) {
        return a.numerator(x, mask).getFloat() / a.denominator(len, 4);
    }
}
