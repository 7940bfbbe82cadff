package org.align4j.ppo.math;

import org.align4j.ppo.config.EnumSetting;

/**
 * Per-token estimators of KL(π ‖ π_ref) from sampled tokens (Schulman 2020, "Approximating KL
 * divergence"): k1 = log π − log π_ref (unbiased, can be negative per token), k3 = (r − 1) − log r with
 * r = π_ref/π (unbiased, always ≥ 0). The value used in the reward is exactly the value logged.
 */
public enum KlEstimator {
    K1, K3;

    public static KlEstimator parse(String s) {
        return EnumSetting.parse(KlEstimator.class, "kl_estimator", s);
    }

    /** The per-token estimate from the sampled token's log-probs under the policy and the reference. */
    public double estimate(double logp, double refLogp) {
        double logRatio = refLogp - logp; // log(π_ref/π)
        return switch (this) {
            case K1 -> -logRatio;
            case K3 -> Math.expm1(logRatio) - logRatio;
        };
    }
}
