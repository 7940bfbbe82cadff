package org.align4j.ppo.rollout;

import org.align4j.core.model.CausalLanguageModel;

/** Samples one answer per prompt from a causal LM (no gradients). */
public interface Sampler {
    /**
     * The answers of one batch.
     *
     * @param answers each row's sampled ids, ending with the stop token when one was sampled
     * @param stopped whether each answer ended with a stop (end-of-sequence) token rather than at the length limit
     */
    record Samples(int[][] answers, boolean[] stopped) {}

    /**
     * @param prompts the prompt ids of each row
     * @param seed decides every random draw: the same seed, model and prompts give the same answers
     */
    Samples sample(CausalLanguageModel lm, int[][] prompts, long seed);
}
