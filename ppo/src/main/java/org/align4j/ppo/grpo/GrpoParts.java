package org.align4j.ppo.grpo;

import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.train.PolicyInputs;

/**
 * Everything a critic-free run works with, loaded: the policy side (policy, reference, tokenizer, sampler,
 * prompts) and the reward list. Closing it frees the models and {@code resources} (the reward models).
 */
public record GrpoParts(PolicyInputs inputs, WeightedRewards rewards, AutoCloseable resources) implements AutoCloseable {
    @Override
    public void close() {
        try (AutoCloseable r = resources; PolicyInputs in = inputs) {
            // closed in reverse order of declaration
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the GRPO models: " + e.getMessage(), e);
        }
    }
}
