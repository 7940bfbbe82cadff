package org.align4j.ppo.train;

import org.align4j.ppo.math.Gae;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.math.TokenRewards;
import org.align4j.ppo.rollout.Rollout;

/**
 * A rollout made ready for the update (Ziegler et al. 2019; Ouyang et al. 2022, eq. 2): per-token rewards
 * {@code −β·kl_t} plus the shaped score on the last token, optionally whitened; GAE advantages and
 * returns (Schulman et al. 2016), advantages optionally whitened over the rollout.
 *
 * @param rollout what was sampled and measured
 * @param beta the KL coefficient β these rewards used
 * @param kl (B, R) the per-token KL estimates in the rewards: exactly the values {@link #meanSequenceKl} logs
 * @param rewards (B, R) per-token rewards
 * @param advantages (B, R) advantages (whitened when configured)
 * @param returns (B, R) the value targets {@code A + V} (from the unwhitened advantages)
 */
public record Experience(Rollout rollout, double beta, float[][] kl, float[][] rewards, float[][] advantages,
        float[][] returns) {

    /** Rewards, advantages and returns of {@code r}. */
    public static Experience of(Rollout r, double beta, KlEstimator estimator, boolean whitenRewards, double gamma,
            double lam, boolean whitenAdvantages) {
        int[] len = r.lengths();
        TokenRewards.Result tr = TokenRewards.compute(r.logprobs(), r.refLogprobs(), r.scores(), len, beta, estimator);
        float[][] rewards = whitenRewards ? Gae.whiten(tr.rewards(), len, false) : tr.rewards();
        Gae.Result gae = Gae.compute(rewards, r.values(), len, gamma, lam);
        float[][] adv = whitenAdvantages ? Gae.whiten(gae.advantages(), len, true) : gae.advantages();
        return new Experience(r, beta, tr.kl(), rewards, adv, gae.returns());
    }

    /** The KL of each answer: its per-token estimates summed. */
    public double[] sequenceKl() {
        int[] len = rollout.lengths();
        double[] out = new double[len.length];
        for (int i = 0; i < len.length; i++) {
            for (int t = 0; t < len[i]; t++) {
                out[i] += kl[i][t];
            }
        }
        return out;
    }

    /** The mean over answers of {@link #sequenceKl}: the KL that is logged and drives the controller. */
    public double meanSequenceKl() {
        double s = 0;
        for (double k : sequenceKl()) {
            s += k;
        }
        return s / rollout.size();
    }

    /**
     * {@code 1 − Var(R − V) / Var(R)} over answer tokens: how much of the returns' variance the rollout's
     * values explain (1 perfect, 0 no better than a constant, negative worse).
     */
    public double explainedVariance() {
        int[] len = rollout.lengths();
        double n = 0;
        double sr = 0;
        double sd = 0;
        for (int i = 0; i < len.length; i++) {
            for (int t = 0; t < len[i]; t++) {
                n++;
                sr += returns[i][t];
                sd += returns[i][t] - rollout.values()[i][t];
            }
        }
        double mr = sr / n;
        double md = sd / n;
        double vr = 0;
        double vd = 0;
        for (int i = 0; i < len.length; i++) {
            for (int t = 0; t < len[i]; t++) {
                double d = returns[i][t] - rollout.values()[i][t];
                vr += (returns[i][t] - mr) * (returns[i][t] - mr);
                vd += (d - md) * (d - md);
            }
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }

    /** The first non-finite reward, else advantage or return, named with its answer and token, or null. */
    public String firstNonFinite() {
        int[] len = rollout.lengths();
        for (int i = 0; i < len.length; i++) {
            for (int t = 0; t < len[i]; t++) {
                if (!Float.isFinite(rewards[i][t])) {
                    return "the reward of answer " + i + " (token " + t + ")";
                }
            }
        }
        for (int i = 0; i < len.length; i++) {
            for (int t = 0; t < len[i]; t++) {
                if (!Float.isFinite(advantages[i][t]) || !Float.isFinite(returns[i][t])) {
                    return "the advantages/returns of answer " + i + " (token " + t + ")";
                }
            }
        }
        return null;
    }
}
