package org.align4j.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from a row of log-probabilities with temperature and nucleus (top-p) sampling, in
 * Java, from a random stream the caller owns: the same stream gives the same token whatever the
 * engine's own random state.
 *
 * <p>Weights are {@code exp((logp − max)/T)} in double precision. Top-p keeps the smallest set of most
 * likely tokens whose weights reach {@code top_p} of the total (the token that crosses the threshold
 * is kept, as in Hugging Face's {@code TopPLogitsWarper}); ties are ordered by token id.
 */
final class TokenSampler {
    private TokenSampler() {}

    /**
     * @param logp log-probabilities; entries {@code off .. off+n-1} are the candidates
     * @param temperature > 0
     * @param topP in (0, 1]
     * @return the chosen candidate, in {@code 0 .. n-1}
     */
    static int sample(float[] logp, int off, int n, double temperature, double topP, SplittableRandom rng) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logp[off + i]);
        }
        if (Float.isNaN(max) || max == Float.NEGATIVE_INFINITY) {
            throw new IllegalStateException("the model's next-token distribution is not finite (NaN or all -inf "
                    + "logits); check the checkpoint's weights");
        }
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp((logp[off + i] - max) / temperature);
            total += w[i];
        }
        if (topP < 1) {
            int[] kept = nucleus(w, topP * total);
            double keptTotal = 0;
            for (int j : kept) {
                keptTotal += w[j];
            }
            double u = rng.nextDouble() * keptTotal;
            for (int j : kept) {
                u -= w[j];
                if (u < 0) {
                    return j;
                }
            }
            return kept[kept.length - 1];
        }
        double u = rng.nextDouble() * total;
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                u -= w[i];
                last = i;
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left u ≥ 0 after the last positive weight
    }

    /**
     * The indices of the most likely weights, largest first (ties by index), up to and including the one
     * at which their running sum reaches {@code target}. Only weights above a threshold are sorted; the
     * threshold is lowered until the weights above it reach {@code target}, which then guarantees that
     * the nucleus lies among them (the rest of a vocabulary is never sorted).
     */
    static int[] nucleus(double[] w, double target) {
        int n = w.length;
        double eps = 1.0 / 1024; // relative to the largest weight, which is exp(0) = 1
        int count;
        while (true) {
            count = 0;
            double mass = 0;
            for (double v : w) {
                if (v >= eps) {
                    count++;
                    mass += v;
                }
            }
            if (mass >= target || count == n || eps < Double.MIN_NORMAL) {
                break;
            }
            eps /= 1024;
        }
        long[] keys = new long[count];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] >= eps) {
                // ascending by (weight, ~index): read from the end, largest weight first, lower index first
                keys[c++] = ((long) Float.floatToIntBits((float) w[i]) << 32) | (~i & 0xFFFFFFFFL);
            }
        }
        Arrays.sort(keys);
        int[] out = new int[count];
        double cum = 0;
        int kept = 0;
        for (int k = count - 1; k >= 0; k--) {
            int idx = ~(int) keys[k];
            out[kept++] = idx;
            cum += w[idx];
            if (cum >= target) {
                break;
            }
        }
        return Arrays.copyOf(out, kept);
    }
}
