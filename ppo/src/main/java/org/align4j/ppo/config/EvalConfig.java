package org.align4j.ppo.config;

import org.align4j.core.train.config.Checks;

/**
 * Held-out evaluation: answers to {@code prompts.eval}, sampled with the rollout's generation settings and
 * the same random draws every time (so that evaluations differ only by the policy), scored by the reward model.
 *
 * @param every iterations between evaluations (also before the first and after the last); 0: only those two
 * @param maxPrompts at most this many held-out prompts (the first ones of the file)
 * @param batchSize prompts generated for at once
 */
public record EvalConfig(int every, int maxPrompts, int batchSize) {
    public EvalConfig {
        Checks.atLeast("every", every, 0);
        Checks.positive("max_prompts", maxPrompts);
        Checks.positive("batch_size", batchSize);
    }

    /** Every 10 iterations, 64 prompts: a stable mean in seconds on the sample models. */
    public static EvalConfig defaults() {
        return new EvalConfig(10, 64, 16);
    }
}
