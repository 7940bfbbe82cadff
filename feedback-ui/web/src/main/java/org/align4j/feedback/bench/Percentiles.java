package org.align4j.feedback.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latencies in nanoseconds. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value with at least {@code p} percent of values at or below it; NaN when empty. */
    double millis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[org.align4j.datasets.stats.Percentiles.nearestRank(sorted.length, p)] / 1e6;
    }
}
