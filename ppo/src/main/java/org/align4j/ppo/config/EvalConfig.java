package org.align4j.ppo.config;

import org.align4j.core.train.KlBudget;
import org.align4j.core.train.config.Checks;

/**
 * Held-out evaluation: answers to {@code prompts.eval}, sampled with the rollout's generation settings and
 * the same random draws every time (so that evaluations differ only by the policy), scored by the reward model.
 *
 * @param every iterations between evaluations (also before the first and after the last); 0: only those two
 * @param maxPrompts at most this many held-out prompts (the first ones of the file)
 * @param batchSize prompts generated for at once
 * @param klBudget a budget on the held-out KL to the reference ({@code eval_kl}, nats per answer), judged at each
 *     evaluation as DPO's is ({@link KlBudget}): reported as {@code eval_kl_budget_used}, a warning in the run
 *     summary once passed; 0: none
 * @param stopOnKlBudget end the run at the first evaluation over {@code kl_budget}, the final model being the
 *     latest evaluation within it
 */
public record EvalConfig(int every, int maxPrompts, int batchSize, double klBudget, boolean stopOnKlBudget) {
    public EvalConfig {
        Checks.atLeast("every", every, 0);
        Checks.positive("max_prompts", maxPrompts);
        Checks.positive("batch_size", batchSize);
        KlBudget.of(klBudget, stopOnKlBudget); // checks kl_budget and stop_on_kl_budget
    }

    /** Every 10 iterations, 64 prompts: a stable mean in seconds on the sample models; no KL budget. */
    public static EvalConfig defaults() {
        return new EvalConfig(10, 64, 16, 0, false);
    }

    /** The budget {@code kl_budget} and {@code stop_on_kl_budget} set. */
    public KlBudget budget() {
        return KlBudget.of(klBudget, stopOnKlBudget);
    }
}
