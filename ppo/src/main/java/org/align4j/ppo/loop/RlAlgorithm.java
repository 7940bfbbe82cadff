package org.align4j.ppo.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.align4j.core.train.RunStage;
import org.align4j.core.train.TrainingState;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;

/**
 * What differs between the RL trainers (PPO with its critic; GRPO and RLOO without one) inside the one
 * iteration loop, {@link RlIterations}: which answers a batch of prompts asks for, how a rollout becomes an
 * update, and what a checkpoint holds. The loop owns the rest (seeding, rollout, state, samples, timing).
 */
public interface RlAlgorithm {
    /** The prompts to answer for one iteration's batch of prompts, in order (GRPO: each group_size times). */
    List<PromptSet.Prompt> answerPrompts(List<PromptSet.Prompt> batch);

    /**
     * Learns from iteration {@code iteration}'s rollout (finite already): rewards, advantages, the update.
     * Adds its scoring and training time to {@code timer}; {@code updateSeed} decides the minibatch order.
     */
    Learned learn(Rollout rollout, long iteration, long updateSeed, PhaseTimer timer);

    /** Restores what {@link #saveCheckpoint} wrote. */
    void restore(Path checkpoint);

    /** See {@link RunStage#resumeNote()}. */
    default String resumeNote() {
        return "";
    }

    /** Whether {@link #evaluate} has held-out prompts. */
    boolean hasEvaluation();

    /** The held-out measures ({@code eval_...}). */
    Map<String, Double> evaluate(TrainingState state);

    /** Weights into {@code dir}, optimizer and own state into {@code stateDir}. */
    void saveCheckpoint(Path dir, Path stateDir) throws IOException;

    /** The finished model. */
    void saveFinal(Path dir) throws IOException;

    /**
     * Loads the policy weights {@link #saveFinal} wrote (the run's latest evaluation within its KL budget, when it
     * stops on the budget); the optimizer and the algorithm's own state stay as they are.
     */
    void loadWeights(Path dir);

    /** The part of a log line the progress display shows. */
    Map<String, Double> shown(Map<String, Double> line);

    /**
     * One iteration's outcome.
     *
     * @param metrics the iteration's metrics
     * @param sequenceKl each answer's KL to the reference (summed over its tokens), for samples.jsonl
     * @param sampleFields answer i's own fields in samples.jsonl, between its answer and its KL; the progress
     *     display shows the numeric ones
     */
    record Learned(Map<String, Double> metrics, double[] sequenceKl, IntFunction<Map<String, Object>> sampleFields) {}
}
