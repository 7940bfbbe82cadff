package org.align4j.ppo.config;

import org.align4j.core.train.config.Checks;

/**
 * How answers are sampled during rollouts (and held-out evaluation).
 *
 * @param maxNewTokens the longest answer; an answer that reaches it without an end-of-sequence token is cut
 *     and penalised ({@link RewardShapingConfig#missingEosPenalty})
 * @param temperature divides the logits before sampling; 0 picks the most likely token (greedy). PPO's
 *     log-probabilities (policy, old and reference) are taken from the same tempered distribution
 * @param topK sample among the k most likely tokens only; 0 turns it off
 * @param topP sample from the smallest set of tokens whose probability reaches p (nucleus); 1 turns it off
 */
public record GenerationSettings(int maxNewTokens, double temperature, int topK, double topP) {
    public GenerationSettings {
        Checks.positive("max_new_tokens", maxNewTokens);
        Checks.nonNegative("temperature", temperature);
        Checks.atLeast("top_k", topK, 0);
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p: must be in (0, 1], got " + topP);
        }
    }

    /**
     * 64 new tokens, temperature 1, no top-k/top-p: PPO's objective is the policy's own distribution, so it
     * samples from it unchanged (Ziegler et al. 2019; Ouyang et al. 2022).
     */
    public static GenerationSettings defaults() {
        return new GenerationSettings(64, 1.0, 0, 1.0);
    }

    /** Whether sampling is greedy (temperature 0). */
    public boolean greedy() {
        return temperature == 0;
    }

    /** The divisor applied to logits in every PPO log-probability: the temperature, or 1 when greedy. */
    public double logitScale() {
        return greedy() ? 1.0 : temperature;
    }
}
