package org.align4j.ppo.config;

import java.util.List;
import org.align4j.core.train.config.Checks;
import org.align4j.ppo.math.KlController;
import org.align4j.ppo.math.KlEstimator;

/**
 * The KL penalty against the reference policy.
 *
 * @param estimator the per-token estimator of KL(π ‖ π_ref): k1 ({@code log π − log π_ref}) or k3
 * @param initCoef β at the start of the run
 * @param adaptive adjust β towards {@code target} (Ziegler et al. 2019) instead of keeping it fixed
 * @param target the KL per answer (summed over its tokens) the adaptive controller aims at
 * @param horizon how many answers the controller takes to move β by its largest factor
 */
public record KlConfig(String estimator, double initCoef, boolean adaptive, double target, double horizon) {
    public KlConfig {
        Checks.oneOf("estimator", estimator, List.of("k1", "k3"));
        Checks.nonNegative("init_coef", initCoef);
        Checks.positive("target", target);
        Checks.positive("horizon", horizon);
        if (adaptive && initCoef == 0) {
            throw new IllegalArgumentException("init_coef: an adaptive controller multiplies β, so it cannot start at 0;"
                    + " give a positive init_coef or set adaptive: false");
        }
    }

    /** k1, β 0.05, adaptive towards 6 nats per answer over 10,000 answers: TRL's PPO defaults (after Ziegler et al.). */
    public static KlConfig defaults() {
        return new KlConfig("k1", 0.05, true, 6.0, 10_000);
    }

    public KlEstimator klEstimator() {
        return KlEstimator.parse(estimator);
    }

    /** A controller in its initial state. */
    public KlController newController() {
        return adaptive ? KlController.adaptive(initCoef, target, horizon) : KlController.fixed(initCoef);
    }
}
