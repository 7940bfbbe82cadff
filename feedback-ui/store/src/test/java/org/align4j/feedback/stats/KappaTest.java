package org.align4j.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KappaTest {
    @Test
    void fleissKappaMatchesTheWorkedExampleOfFleiss1971AsPrintedOnWikipedia() {
        // 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P_e = 0.213, κ = 0.210.
        List<int[]> counts = List.of(
                new int[] {0, 0, 0, 0, 14}, new int[] {0, 2, 6, 4, 2}, new int[] {0, 0, 3, 5, 6}, new int[] {0, 3, 9, 2, 0},
                new int[] {2, 2, 8, 1, 1}, new int[] {7, 7, 0, 0, 0}, new int[] {3, 2, 6, 3, 0}, new int[] {2, 5, 3, 2, 2},
                new int[] {6, 5, 2, 1, 0}, new int[] {0, 2, 2, 3, 7});
        assertThat(Kappa.fleiss(counts)).isCloseTo(0.20993, within(1e-4));
    }

    @Test
    void fleissKappaIsOneForUnanimousMixedItemsAndSkipsSingleRaterItems() {
        List<int[]> counts = List.of(new int[] {3, 0}, new int[] {0, 2}, new int[] {1, 0});
        assertThat(Kappa.fleiss(counts)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fleissKappaOfTwoRatersAlwaysDisagreeingOnBalancedItemsIsMinusOne() {
        // P̄ = 0, p = (0.5, 0.5), P_e = 0.5, κ = (0 - 0.5) / 0.5 = -1.
        assertThat(Kappa.fleiss(List.of(new int[] {1, 1}, new int[] {1, 1}))).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void kappaIsUndefinedWithoutDataOrWhenEveryVoteIsTheSame() {
        assertThat(Kappa.fleiss(List.of())).isNull();
        assertThat(Kappa.fleiss(List.of(new int[] {1, 0}))).isNull();
        assertThat(Kappa.fleiss(List.of(new int[] {2, 0}, new int[] {3, 0}))).isNull();
        assertThat(Kappa.cohen(List.of(), 2)).isNull();
        assertThat(Kappa.cohen(List.of(new int[] {1, 1}, new int[] {1, 1}), 2)).isNull();
    }

    @Test
    void cohenKappaMatchesTheTextbookExample() {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
        List<int[]> pairs = new ArrayList<>();
        add(pairs, 20, 1, 1);
        add(pairs, 5, 1, 0);
        add(pairs, 10, 0, 1);
        add(pairs, 15, 0, 0);
        assertThat(Kappa.cohen(pairs, 2)).isCloseTo(0.4, within(1e-12));
    }

    private static void add(List<int[]> pairs, int n, int a, int b) {
        for (int i = 0; i < n; i++) {
            pairs.add(new int[] {a, b});
        }
    }
}
