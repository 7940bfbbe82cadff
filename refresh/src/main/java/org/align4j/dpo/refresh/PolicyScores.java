package org.align4j.dpo.refresh;

/**
 * How one policy does on the held-out pairs.
 *
 * @param preferenceAccuracy the share of pairs with a positive implicit reward margin (ties count half)
 * @param rewardMargin the mean implicit reward margin {@code r(chosen) − r(rejected)}
 * @param likelihoodAccuracy the share of pairs whose chosen answer has the higher mean token log-prob
 *     (needs no reference; ties count half)
 * @param safety the safety score in [0, 1] (higher is safer), or null when no safety check ran
 */
public record PolicyScores(double preferenceAccuracy, double rewardMargin, double likelihoodAccuracy, Double safety) {}
