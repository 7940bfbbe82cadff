package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.SequenceBatch;
import org.junit.jupiter.api.Test;

/** Rewards, KL and advantages of a rollout of groups, against hand-computed values. */
class GroupExperienceTest {
    // two groups of two answers; answer lengths 2, 1, 1, 2
    static Rollout rollout() {
        int[][] p = {{1}, {1}, {2}, {2}};
        int[][] a = {{5, 6}, {7}, {8}, {9, 9}};
        float[][] logp = {{-1, -2}, {-1, 0}, {-3, 0}, {-1, -1}};
        float[][] ref = {{-1.5f, -2.5f}, {-1, 0}, {-2, 0}, {-1, -1}};
        return new Rollout(new SequenceBatch(p, a, 0), List.of("a", "a", "b", "b"), List.of("x", "y", "z", "w"),
                new boolean[] {true, true, true, true}, logp, ref, new float[4][2], new float[4], new float[4]);
    }

    static WeightedRewards.Scored scored(double... total) {
        return new WeightedRewards.Scored(total, Map.of());
    }

    static GrpoHyper hyper(String algorithm, String klIn, double beta) {
        return new GrpoHyper(algorithm, 1, 2, 2, 4, 4, 1, 0.2, true, "token", beta, klIn, 0, 0);
    }

    @Test
    void theKlOfAnAnswerIsItsSummedLogRatio() {
        GroupExperience e = GroupExperience.of(rollout(), scored(1, 0, 2, 2), hyper("grpo", null, 0.1));
        assertThat(e.sequenceKl()).containsExactly(new double[] {1.0, 0, -1, 0}, within(1e-6));
        assertThat(e.meanKl()).isCloseTo(0, within(1e-6));
    }

    @Test
    void grpoKeepsTheKlOutOfTheRewardAndAFlatGroupHasZeroAdvantage() {
        GroupExperience e = GroupExperience.of(rollout(), scored(1, 0, 2, 2), hyper("grpo", null, 0.1));
        assertThat(e.rewards()).containsExactly(1, 0, 2, 2);
        // group 1: mean 0.5, unbiased std √0.5 → ±0.5/√0.5; group 2 flat
        double a = 0.5 / Math.sqrt(0.5);
        assertThat(e.advantages()).containsExactly(new double[] {a, -a, 0, 0}, within(1e-9));
        assertThat(e.zeroVarianceShare(2)).isEqualTo(0.5);
    }

    @Test
    void rlooTakesBetaTimesTheKlFromEachRewardBeforeTheLeaveOneOutBaseline() {
        GroupExperience e = GroupExperience.of(rollout(), scored(1, 0, 2, 2), hyper("rloo", null, 0.1));
        // rewards 1 − 0.1·1, 0 − 0, 2 − 0.1·(−1), 2 − 0
        assertThat(e.rewards()).containsExactly(new double[] {0.9, 0, 2.1, 2}, within(1e-6));
        assertThat(e.advantages()).containsExactly(new double[] {0.9, -0.9, 0.1, -0.1}, within(1e-6));
        assertThat(e.firstNonFinite()).isNull();
    }
}
