package org.align4j.dpo.refresh;

import org.align4j.core.preference.ImplicitReward;
import org.align4j.core.preference.PreferenceMeasures;

/**
 * How one policy does on the held-out pairs.
 *
 * @param preferenceAccuracy the share of pairs with a positive implicit reward margin (ties count half)
 * @param rewardMargin the mean implicit reward margin {@code r(chosen) − r(rejected)} at {@code beta}
 * @param likelihoodAccuracy the share of pairs whose chosen answer has the higher mean token log-prob
 *     (needs no reference; ties count half)
 * @param safety the safety score in [0, 1] (higher is safer), or null when no safety check ran
 * @param beta the implicit reward's scale β the accuracy and margin were measured at
 */
public record PolicyScores(double preferenceAccuracy, double rewardMargin, double likelihoodAccuracy, Double safety,
        double beta) {

    /** The scores from {@link ImplicitReward}'s measures. */
    public static PolicyScores of(PreferenceMeasures m, double likelihoodAccuracy, Double safety) {
        return new PolicyScores(m.accuracy(), m.margin(), likelihoodAccuracy, safety, m.beta());
    }
}
