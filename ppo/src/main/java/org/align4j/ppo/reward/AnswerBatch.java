package org.align4j.ppo.reward;

import java.util.List;

/**
 * The answers a reward function judges: prompts as the reward model reads them, decoded answers, their
 * lengths in policy tokens, and whether each ended with a stop token (rather than at max_new_tokens).
 */
public record AnswerBatch(List<String> prompts, List<String> answers, int[] lengths, boolean[] stopped) {
    public AnswerBatch {
        if (prompts.size() != answers.size() || lengths.length != answers.size() || stopped.length != answers.size()) {
            throw new IllegalArgumentException("an answer batch needs as many prompts, lengths and stop flags as answers: "
                    + prompts.size() + ", " + lengths.length + ", " + stopped.length + " for " + answers.size());
        }
        prompts = List.copyOf(prompts);
        answers = List.copyOf(answers);
    }

    public int size() {
        return answers.size();
    }
}
