package org.align4j.ppo.config;

import org.align4j.core.train.config.TrainConfig;

/**
 * The keys of {@code train:} that an RL stage's own loop replaces (its iterations, its passes over a rollout,
 * its batch sizes, its evaluation cadence; no early stopping): setting one away from its default is an error
 * naming what the stage uses instead, so that a key copied from an SFT configuration does not silently do nothing.
 *
 * @param stage the stage as errors name it, e.g. {@code PPO}
 * @param iterations why {@code max_steps} does not apply, e.g. "; PPO runs ppo.iterations iterations"
 * @param epochs why {@code epochs} does not apply
 * @param batches why {@code batch_size} and {@code grad_accum} do not apply
 * @param evaluation why {@code eval_every} does not apply
 * @param earlyStopping why {@code early_stopping_patience} does not apply
 */
public record UnusedTrainKeys(String stage, String iterations, String epochs, String batches, String evaluation,
        String earlyStopping) {
    /**
     * Checks {@code t}.
     *
     * @throws IllegalArgumentException {@code "train.KEY: does not apply to STAGE; why; remove it"} for the first key set
     */
    public void check(TrainConfig t) {
        TrainConfig d = TrainConfig.defaults();
        reject("train.max_steps", t.maxSteps() != d.maxSteps(), iterations);
        reject("train.epochs", t.epochs() != d.epochs(), epochs);
        reject("train.batch_size", t.batchSize() != d.batchSize(), batches);
        reject("train.grad_accum", t.gradAccum() != d.gradAccum(), batches);
        reject("train.eval_every", t.evalEvery() != d.evalEvery(), evaluation);
        reject("train.early_stopping_patience", t.earlyStoppingPatience() != d.earlyStoppingPatience(), earlyStopping);
    }

    private void reject(String key, boolean set, String why) {
        if (set) {
            throw new IllegalArgumentException(key + ": does not apply to " + stage + why + "; remove it");
        }
    }
}
