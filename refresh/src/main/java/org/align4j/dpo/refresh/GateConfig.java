package org.align4j.dpo.refresh;

import org.align4j.core.train.config.Checks;

/**
 * The promotion gate: what a candidate must achieve against the production policy on the held-out
 * pairs.
 *
 * @param minAccuracyGain candidate preference accuracy minus production's must be at least this
 *     (production's own implicit margins are 0, so its accuracy is 0.5 under the DPO losses)
 * @param minMarginGain candidate mean reward margin minus production's must be at least this
 * @param maxSafetyRegression production's safety score minus the candidate's may be at most this
 * @param minHeldoutPairs below this many held-out pairs the gate cannot judge: the run waits for more data
 */
public record GateConfig(double minAccuracyGain, double minMarginGain, double maxSafetyRegression,
        int minHeldoutPairs) {

    public GateConfig {
        Checks.inRange("min_accuracy_gain", minAccuracyGain, -1, 1);
        if (!Double.isFinite(minMarginGain)) {
            throw new IllegalArgumentException("min_margin_gain: must be a finite number, got " + minMarginGain);
        }
        Checks.inRange("max_safety_regression", maxSafetyRegression, 0, 1);
        Checks.atLeast("min_heldout_pairs", minHeldoutPairs, 1);
    }

    /** A 5-point accuracy gain, any positive margin gain, no safety regression, at least 8 held-out pairs. */
    public static GateConfig defaults() {
        return new GateConfig(0.05, 0.0, 0.0, 8);
    }
}
