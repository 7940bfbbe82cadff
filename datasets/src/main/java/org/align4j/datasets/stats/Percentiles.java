package org.align4j.datasets.stats;

import java.util.Arrays;

/**
 * A summary of a length distribution (nearest-rank percentiles).
 *
 * @param count values summarised
 * @param mean their mean
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max the largest value
 */
public record Percentiles(int count, double mean, int p50, int p90, int p95, int p99, int max) {

    /** Summarises the first {@code n} values of {@code values} (which it sorts). */
    public static Percentiles of(int[] values, int n) {
        if (n == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        int[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        long sum = 0;
        for (int x : v) {
            sum += x;
        }
        return new Percentiles(n, (double) sum / n, rank(v, 50), rank(v, 90), rank(v, 95), rank(v, 99), v[n - 1]);
    }

    private static int rank(int[] sorted, int p) {
        return sorted[nearestRank(sorted.length, p)];
    }

    /**
     * The index, in {@code n > 0} sorted values, of the nearest-rank {@code p}-th percentile: the smallest value with at
     * least {@code p} percent of the values at or below it ({@code ⌈p/100 · n⌉ − 1}, within {@code [0, n − 1]}).
     */
    public static int nearestRank(int n, double p) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1));
    }
}
