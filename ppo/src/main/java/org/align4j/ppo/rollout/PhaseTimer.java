package org.align4j.ppo.rollout;

import java.util.Map;

/**
 * Wall-clock time spent in each phase of PPO iterations: generation (sampling answers), scoring (the
 * reward model, and the forward passes that give the rollout's old log-probs, reference log-probs and
 * values) and training (the minibatch updates).
 */
public final class PhaseTimer {
    private long generationNanos;
    private long scoringNanos;
    private long trainingNanos;

    public void addGeneration(long nanos) {
        generationNanos += nanos;
    }

    public void addScoring(long nanos) {
        scoringNanos += nanos;
    }

    public void addTraining(long nanos) {
        trainingNanos += nanos;
    }

    public double generationSeconds() {
        return generationNanos / 1e9;
    }

    public double scoringSeconds() {
        return scoringNanos / 1e9;
    }

    public double trainingSeconds() {
        return trainingNanos / 1e9;
    }

    public double totalSeconds() {
        return (generationNanos + scoringNanos + trainingNanos) / 1e9;
    }

    /** Puts the three times, in seconds, into an iteration's metrics: {@code time_generation_s}, {@code time_scoring_s}, {@code time_training_s}. */
    public void putInto(Map<String, Double> metrics) {
        metrics.put("time_generation_s", generationSeconds());
        metrics.put("time_scoring_s", scoringSeconds());
        metrics.put("time_training_s", trainingSeconds());
    }

    /** Adds {@code other}'s three times to these. */
    public void add(PhaseTimer other) {
        generationNanos += other.generationNanos;
        scoringNanos += other.scoringNanos;
        trainingNanos += other.trainingNanos;
    }

    /** Clears all three. */
    public void reset() {
        generationNanos = 0;
        scoringNanos = 0;
        trainingNanos = 0;
    }
}
