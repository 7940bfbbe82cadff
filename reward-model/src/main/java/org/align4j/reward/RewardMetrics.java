package org.align4j.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/** Evaluation of a reward model: on pairs (accuracy, margin) and on ratings (MSE, correlations, calibration). */
public final class RewardMetrics {
    /** One bucket of the calibration table: scores in [low, high] and the observed thumbs-up rate there. */
    public record CalibrationBucket(double low, double high, int count, double meanScore, double positiveRate) {}

    /**
     * How spread out scores are, to tell a calibrated reward model from a saturated classifier.
     *
     * @param std the scores' standard deviation (population)
     * @param nearMaxShare the share of scores whose distance from the mean is at least {@value #NEAR_MAX} of the
     *     largest such distance: about 1 when every score sits at one of two extremes (issue 16's ±3.06), small
     *     for scores spread over a range
     */
    public record ScoreSpread(double std, double nearMaxShare) {}

    /** "Near the extreme": within the outer tenth of the largest distance from the mean. */
    public static final double NEAR_MAX = 0.9;

    private RewardMetrics() {}

    /** {@link ScoreSpread} of {@code scores}; NaN for none, share 0 when every score is equal. */
    public static ScoreSpread spread(float[] scores) {
        if (scores.length == 0) {
            return new ScoreSpread(Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (float v : scores) {
            mean += v;
        }
        mean /= scores.length;
        double sq = 0;
        double max = 0;
        for (float v : scores) {
            sq += (v - mean) * (v - mean);
            max = Math.max(max, Math.abs(v - mean));
        }
        if (max == 0) {
            return new ScoreSpread(0, 0);
        }
        int near = 0;
        for (float v : scores) {
            near += Math.abs(v - mean) >= NEAR_MAX * max ? 1 : 0;
        }
        return new ScoreSpread(Math.sqrt(sq / scores.length), (double) near / scores.length);
    }

    /** The share of pairs whose chosen answer scores higher (ties count as wrong). */
    public static double pairwiseAccuracy(float[] chosen, float[] rejected) {
        check(chosen, rejected);
        int right = 0;
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] > rejected[i]) {
                right++;
            }
        }
        return chosen.length == 0 ? Double.NaN : (double) right / chosen.length;
    }

    /** Mean of {@code chosen − rejected}. */
    public static double meanMargin(float[] chosen, float[] rejected) {
        check(chosen, rejected);
        double s = 0;
        for (int i = 0; i < chosen.length; i++) {
            s += chosen[i] - rejected[i];
        }
        return chosen.length == 0 ? Double.NaN : s / chosen.length;
    }

    public static double mse(float[] predictions, float[] targets) {
        check(predictions, targets);
        double s = 0;
        for (int i = 0; i < predictions.length; i++) {
            double d = predictions[i] - targets[i];
            s += d * d;
        }
        return predictions.length == 0 ? Double.NaN : s / predictions.length;
    }

    public static double pearson(float[] x, float[] y) {
        check(x, y);
        return x.length < 2 ? Double.NaN : new PearsonsCorrelation().correlation(toDouble(x), toDouble(y));
    }

    public static double spearman(float[] x, float[] y) {
        check(x, y);
        return x.length < 2 ? Double.NaN : new SpearmansCorrelation().correlation(toDouble(x), toDouble(y));
    }

    /**
     * Sorts answers by score into {@code buckets} groups of (nearly) equal size and reports, per group,
     * the rate of positive ratings ({@code label > threshold}): a calibrated model's rate rises with score.
     */
    public static List<CalibrationBucket> calibration(float[] scores, float[] labels, double threshold, int buckets) {
        check(scores, labels);
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        List<CalibrationBucket> out = new ArrayList<>();
        int n = scores.length;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            if (to <= from) {
                continue;
            }
            double sum = 0;
            int positive = 0;
            for (int i = from; i < to; i++) {
                sum += scores[order[i]];
                if (labels[order[i]] > threshold) {
                    positive++;
                }
            }
            out.add(new CalibrationBucket(scores[order[from]], scores[order[to - 1]], to - from, sum / (to - from),
                    (double) positive / (to - from)));
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
    }
}
