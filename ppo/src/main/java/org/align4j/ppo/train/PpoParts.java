package org.align4j.ppo.train;

import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.ppo.model.Critic;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.rollout.AnswerScorer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Sampler;
import org.align4j.ppo.rollout.ScoreShaping;

/**
 * Everything a PPO run works with, loaded: {@link PpoSetup} builds it from a configuration; tests build it
 * from tiny models. Closing it frees the models, the tokenizer and {@code resources}.
 *
 * @param policy the actor (and its reference)
 * @param critic the value function
 * @param sampler draws answers
 * @param scorer the reward model
 * @param shaping raw score → the score in the reward
 * @param trainPrompts the rollout prompts
 * @param evalPrompts held-out prompts, or null
 * @param resources further things to close (the reward model), or null
 */
public record PpoParts(Policy policy, Critic critic, Sampler sampler, AnswerScorer scorer, ScoreShaping shaping,
        PromptSet trainPrompts, PromptSet evalPrompts, AutoCloseable resources)
        implements AutoCloseable {

    @Override
    public void close() {
        try (AutoCloseable r = resources; Critic c = critic; Policy p = policy) {
            // closed in reverse order of declaration
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the PPO models: " + e.getMessage(), e);
        }
    }

    /** The policy's tokenizer (decodes answers). */
    public TextTokenizer tokenizer() {
        return policy.bundle().tokenizer();
    }

    /** The policy's pad id. */
    public int pad() {
        return policy.bundle().collator().padId();
    }
}
