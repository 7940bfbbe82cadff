package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Group-relative and leave-one-out advantages against hand-computed values. */
class GroupAdvantagesTest {
    // group 1: mean 3, deviations −2, −1, 0, 3, unbiased variance 14/3; group 2: all equal
    private static final double[] REWARDS = {1, 2, 3, 6, 5, 5, 5, 5};

    @Test
    void grpoDividesTheDeviationFromTheGroupMeanByTheUnbiasedStd() {
        double std = Math.sqrt(14.0 / 3);
        double[] a = GroupAdvantages.grpo(REWARDS, 4, true);
        assertThat(a).containsExactly(new double[] {-2 / std, -1 / std, 0, 3 / std, 0, 0, 0, 0}, within(1e-12));
        assertThat(a[0]).isCloseTo(-0.92582, within(1e-5));
    }

    @Test
    void drGrpoKeepsThePlainDeviationFromTheGroupMean() {
        assertThat(GroupAdvantages.grpo(REWARDS, 4, false)).containsExactly(new double[] {-2, -1, 0, 3, 0, 0, 0, 0},
                within(1e-12));
    }

    @Test
    void rlooSubtractsTheMeanOfTheOtherAnswers() {
        // 1 − (2+3+6)/3, 2 − (1+3+6)/3, 3 − (1+2+6)/3, 6 − (1+2+3)/3
        assertThat(GroupAdvantages.rloo(REWARDS, 4)).containsExactly(
                new double[] {1 - 11.0 / 3, 2 - 10.0 / 3, 0, 4, 0, 0, 0, 0}, within(1e-12));
    }

    @Test
    void aGroupOfEqualRewardsHasExactlyZeroAdvantageEvenWhenItsMeanRounds() {
        double[] tenths = {0.1, 0.1, 0.1}; // (0.1+0.1+0.1)/3 is 0.10000000000000002 in doubles
        assertThat(GroupAdvantages.grpo(tenths, 3, true)).containsExactly(0, 0, 0);
        assertThat(GroupAdvantages.grpo(tenths, 3, false)).containsExactly(0, 0, 0);
        assertThat(GroupAdvantages.rloo(tenths, 3)).containsExactly(0, 0, 0);
    }

    @Test
    void groupsMustHoldAtLeastTwoAnswersAndTileTheRewards() {
        assertThatThrownBy(() -> GroupAdvantages.grpo(new double[] {1, 2}, 1, true)).hasMessageContaining("group_size");
        assertThatThrownBy(() -> GroupAdvantages.rloo(new double[] {1, 2, 3}, 2)).hasMessageContaining("groups of 2");
    }
}
