package org.align4j.ppo.math;

/**
 * Generalised advantage estimation (Schulman et al. 2016, eq. 16):
 * {@code δ_t = r_t + γ V_{t+1} − V_t}, {@code A_t = Σ_l (γλ)^l δ_{t+l}}, returns {@code R_t = A_t + V_t}.
 * Computed per sequence over its response tokens only; {@code V} after the last token is 0.
 */
public final class Gae {
    /** Advantages and returns, (B, T) each, zero past each sequence's length. */
    public record Result(float[][] advantages, float[][] returns) {}

    private Gae() {}

    /**
     * @param rewards (B, T) per-token rewards
     * @param values (B, T) value estimates of each response position
     * @param lengths the number of response tokens of each row
     */
    public static Result compute(float[][] rewards, float[][] values, int[] lengths, double gamma, double lambda) {
        int b = rewards.length;
        float[][] adv = new float[b][];
        float[][] ret = new float[b][];
        for (int i = 0; i < b; i++) {
            int t = rewards[i].length;
            adv[i] = new float[t];
            ret[i] = new float[t];
            double last = 0;
            for (int s = lengths[i] - 1; s >= 0; s--) {
                double nextValue = s + 1 < lengths[i] ? values[i][s + 1] : 0.0;
                double delta = rewards[i][s] + gamma * nextValue - values[i][s];
                last = delta + gamma * lambda * last;
                adv[i][s] = (float) last;
                ret[i][s] = (float) (last + values[i][s]);
            }
        }
        return new Result(adv, ret);
    }

    /**
     * Whitens values over the masked positions: {@code (x − mean) / sqrt(var + 1e-8)} with the unbiased
     * variance, as TRL's {@code masked_whiten}; positions outside the mask stay 0.
     */
    public static float[][] whiten(float[][] x, int[] lengths, boolean shiftMean) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                sum += x[i][s];
                n++;
            }
        }
        if (n < 2) {
            return x;
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                sq += (x[i][s] - mean) * (x[i][s] - mean);
            }
        }
        double std = Math.sqrt(sq / (n - 1) + 1e-8);
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int s = 0; s < lengths[i]; s++) {
                double w = (x[i][s] - mean) / std;
                out[i][s] = (float) (shiftMean ? w : w + mean);
            }
        }
        return out;
    }
}
