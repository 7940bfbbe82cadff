package org.align4j.reward.config;

import org.align4j.core.train.config.Checks;

/**
 * The {@code data.negatives:} section (pairs only): synthetic pairs added to the training pairs so that the reward
 * model learns what the preference data never shows it, and PPO cannot be paid for it. The demo's reward model,
 * trained on the generator's pairs alone, ranked a chosen answer above another question's chosen answer in 0.467
 * and above the same answer's words shuffled in 0.550 of the held-out pairs: chance. A policy that drifts off the
 * question or into word salad then keeps its reward.
 *
 * <ul>
 *   <li>{@code off_topic}: {@code (prompt, chosen, the chosen answer of another prompt)};</li>
 *   <li>{@code word_salad}: {@code (prompt, chosen, the chosen answer with its words shuffled)}.</li>
 * </ul>
 *
 * @param offTopic how many off-topic pairs per training pair, in [0, 1] (0 = none)
 * @param wordSalad how many word-salad pairs per training pair, in [0, 1] (0 = none)
 */
public record RewardNegativesConfig(double offTopic, double wordSalad) {

    public RewardNegativesConfig {
        Checks.inRange("off_topic", offTopic, 0, 1);
        Checks.inRange("word_salad", wordSalad, 0, 1);
    }

    /** No synthetic pairs. */
    public static RewardNegativesConfig none() {
        return new RewardNegativesConfig(0, 0);
    }

    /** Whether any synthetic pair is added. */
    public boolean any() {
        return offTopic > 0 || wordSalad > 0;
    }
}
