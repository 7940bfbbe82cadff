package org.align4j.datasets.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void theNearestRankIsTheSmallestValueWithPPercentAtOrBelowIt() {
        // 10 values: p50 is the 5th (index 4), p90 the 9th, p99 and p100 the 10th; p0 and one value: the first
        assertThat(Percentiles.nearestRank(10, 50)).isEqualTo(4);
        assertThat(Percentiles.nearestRank(10, 90)).isEqualTo(8);
        assertThat(Percentiles.nearestRank(10, 99)).isEqualTo(9);
        assertThat(Percentiles.nearestRank(10, 100)).isEqualTo(9);
        assertThat(Percentiles.nearestRank(10, 0)).isZero();
        assertThat(Percentiles.nearestRank(1, 50)).isZero();
        assertThat(Percentiles.nearestRank(3, 50)).isEqualTo(1); // ⌈1.5⌉ − 1
    }
}
