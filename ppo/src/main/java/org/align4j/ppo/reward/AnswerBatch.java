package org.align4j.ppo.reward;

import java.util.ArrayList;
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

    /** The batches' answers one after another, as one batch. */
    public static AnswerBatch concat(List<AnswerBatch> batches) {
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        int n = batches.stream().mapToInt(AnswerBatch::size).sum();
        int[] lengths = new int[n];
        boolean[] stopped = new boolean[n];
        int at = 0;
        for (AnswerBatch b : batches) {
            prompts.addAll(b.prompts());
            answers.addAll(b.answers());
            System.arraycopy(b.lengths(), 0, lengths, at, b.size());
            System.arraycopy(b.stopped(), 0, stopped, at, b.size());
            at += b.size();
        }
        return new AnswerBatch(prompts, answers, lengths, stopped);
    }
}
