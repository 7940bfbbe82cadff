package org.align4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap confidence intervals (Efron &amp; Tibshirani 1993) for a mean, seeded. */
public final class Bootstrap {
    /** A mean with its confidence interval. */
    public record Interval(double mean, double low, double high, double confidence) {}

    private Bootstrap() {}

    public static Interval mean(double[] values, int resamples, double confidence, long seed) {
        if (values.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, confidence);
        }
        if (resamples < 1 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("resamples must be >= 1 and confidence in (0, 1)");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < values.length; i++) {
                s += values[rng.nextInt(values.length)];
            }
            means[b] = s / values.length;
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        int lo = (int) Math.floor(alpha * (resamples - 1));
        int hi = (int) Math.ceil((1 - alpha) * (resamples - 1));
        return new Interval(mean, means[lo], means[hi], confidence);
    }

    /** Per-item outcomes of A against B: 1 win, 0.5 tie (|a − b| ≤ tieTolerance), 0 loss. */
    public static double[] winOutcomes(float[] a, float[] b, double tieTolerance) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " scores against " + b.length);
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            out[i] = Math.abs(d) <= tieTolerance ? 0.5 : d > 0 ? 1 : 0;
        }
        return out;
    }
}
