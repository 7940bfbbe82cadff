package org.align4j.datasets.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void permutationsAreDeterministicBySeedAndComplete() {
        int[] a = Shuffle.permutation(100, 7);
        assertThat(Shuffle.permutation(100, 7)).isEqualTo(a);
        assertThat(Shuffle.permutation(100, 8)).isNotEqualTo(a);
        assertThat(Arrays.stream(a).sorted().toArray()).isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(Shuffle.shuffled(List.of("a", "b", "c"), 3)).containsExactlyInAnyOrder("a", "b", "c");
        // Random's algorithm is specified, so the order is the same on every JVM.
        assertThat(Shuffle.permutation(5, 42)).containsExactly(1, 2, 3, 4, 0);
    }

    @Test
    void seededSplitHoldsOutTheFractionAndKeepsOrder() {
        List<Integer> rows = IntStream.range(0, 100).boxed().toList();
        Split<Integer> s = Split.bySeed(rows, 0.1, 5);
        assertThat(s.validation()).hasSize(10).isSorted();
        assertThat(s.train()).hasSize(90).isSorted().doesNotContainAnyElementsOf(s.validation());
        assertThat(Split.bySeed(rows, 0.1, 5)).isEqualTo(s);
        assertThat(Split.bySeed(rows, 0.1, 6).validation()).isNotEqualTo(s.validation());
        assertThatThrownBy(() -> Split.bySeed(rows, 1.0, 5))
                .hasMessage("validation fraction is 1.0; use a value in [0, 1)");
    }

    @Test
    void groupedSplitNeverSharesAGroupBetweenSides() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add("prompt" + (i % 20) + "#" + i);
        }
        Split<String> s = Split.bySeed(rows, 0.25, 1, r -> r.substring(0, r.indexOf('#')));
        assertThat(s.overlap(r -> r.substring(0, r.indexOf('#')))).isEmpty();
        assertThat(s.validation()).hasSize(15);
        Split<String> given = Split.of(List.of("a#1", "b#2"), List.of("a#3"));
        assertThat(given.overlap(r -> r.substring(0, 1))).containsExactly("a");
    }
}
