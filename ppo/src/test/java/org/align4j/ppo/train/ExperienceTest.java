package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.SequenceBatch;
import org.junit.jupiter.api.Test;

class ExperienceTest {
    /** Two answers of lengths 2 and 1 with hand-picked log-probs, values and scores. */
    static Rollout rollout(float score0) {
        SequenceBatch b = new SequenceBatch(new int[][] {{1}, {1}}, new int[][] {{5, 6}, {7}}, 0);
        return new Rollout(b, List.of("p", "q"), List.of("a", "b"), new boolean[] {true, false},
                new float[][] {{-1f, -2f}, {-0.5f, 0f}}, new float[][] {{-1.5f, -1f}, {-0.5f, 0f}},
                new float[][] {{0.5f, 1f}, {2f, 0f}}, new float[] {score0, 1f}, new float[] {score0, 1f});
    }

    @Test
    void rewardsCarryMinusBetaKlPerTokenAndTheScoreOnTheLastTokenAndTheLoggedKlIsTheirSum() {
        Experience e = Experience.of(rollout(3f), 0.5, KlEstimator.K1, false, 1.0, 1.0, false);
        // k1 per token: 0.5, -1 | 0
        assertThat(e.kl()[0]).containsExactly(new float[] {0.5f, -1f}, within(1e-6f));
        assertThat(e.rewards()[0]).containsExactly(new float[] {-0.25f, 3.5f}, within(1e-6f));
        assertThat(e.rewards()[1][0]).isEqualTo(1f);
        assertThat(e.sequenceKl()).containsExactly(-0.5, 0.0);
        assertThat(e.meanSequenceKl()).isCloseTo(-0.25, within(1e-9));
        // γ = λ = 1: advantage = sum of future rewards − V_t; returns = advantage + V
        assertThat(e.advantages()[0]).containsExactly(new float[] {3.25f - 0.5f, 3.5f - 1f}, within(1e-6f));
        assertThat(e.returns()[0]).containsExactly(new float[] {3.25f, 3.5f}, within(1e-6f));
        assertThat(e.advantages()[1][0]).isCloseTo(1f - 2f, within(1e-6f));
        // returns 3.25, 3.5, 1 against values 0.5, 1, 2: residuals 2.75, 2.5, -1
        double vr = variance(3.25, 3.5, 1);
        double vd = variance(2.75, 2.5, -1);
        assertThat(e.explainedVariance()).isCloseTo(1 - vd / vr, within(1e-6));
        assertThat(e.firstNonFinite()).isNull();
    }

    @Test
    void whitenedAdvantagesHaveZeroMeanAndReturnsStayUnwhitened() {
        Experience raw = Experience.of(rollout(3f), 0.5, KlEstimator.K1, false, 1.0, 1.0, false);
        Experience w = Experience.of(rollout(3f), 0.5, KlEstimator.K1, false, 1.0, 1.0, true);
        double mean = (w.advantages()[0][0] + w.advantages()[0][1] + w.advantages()[1][0]) / 3;
        assertThat(mean).isCloseTo(0, within(1e-6));
        assertThat(w.returns()[0]).containsExactly(raw.returns()[0]);
    }

    @Test
    void aNonFiniteScoreIsNamedWithItsAnswer() {
        Rollout r = rollout(Float.NaN);
        assertThat(r.firstNonFinite()).isEqualTo("the reward model's score of answer 0");
        Experience e = Experience.of(rollout(Float.POSITIVE_INFINITY), 0.5, KlEstimator.K3, false, 1.0, 0.95, false);
        assertThat(e.firstNonFinite()).startsWith("the reward of answer 0 (token 1)");
    }

    static double variance(double... x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s;
    }
}
