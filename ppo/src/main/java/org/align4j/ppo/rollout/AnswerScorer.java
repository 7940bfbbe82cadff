package org.align4j.ppo.rollout;

import java.util.List;

/**
 * Scores answers to prompts, as text: {@link org.align4j.reward.RewardScorer#score} in a run; any function
 * of the text in tests.
 */
@FunctionalInterface
public interface AnswerScorer {
    /** One raw score per (prompt, answer). */
    float[] score(List<String> prompts, List<String> answers);
}
