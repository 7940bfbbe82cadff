package org.align4j.ppo.reward;

/** One reward: a number per answer, before its weight in the {@link WeightedRewards} list. */
@FunctionalInterface
public interface RewardFunction {
    double[] score(AnswerBatch batch);
}
