package org.align4j.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/**
 * Where a run stands after a completed optimizer step: everything besides weights and optimizer
 * moments that a resumed run needs to continue exactly. Randomness is not stored as generator state:
 * the data order is a function of (seed, epoch) and the engine is reseeded with {@code seed + step}
 * before every step, so (seed, step, microBatches) determine all of it.
 *
 * @param step optimizer steps completed
 * @param microBatches micro-batches consumed (the position in the {@link DataOrder})
 * @param epoch the epoch of the next micro-batch
 * @param seed the run's seed
 * @param totalSteps the run's planned number of steps
 * @param bestEvalLoss the lowest evaluation loss so far, or null before the first evaluation
 * @param evalsWithoutImprovement evaluations since the best one (early stopping counts these)
 * @param tokens training tokens (or examples) processed so far
 * @param elapsedSeconds training time so far, summed over resumed sessions
 */
public record TrainingState(
        @JsonProperty("step") long step,
        @JsonProperty("micro_batches") long microBatches,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("seed") long seed,
        @JsonProperty("total_steps") long totalSteps,
        @JsonProperty("best_eval_loss") Double bestEvalLoss,
        @JsonProperty("evals_without_improvement") int evalsWithoutImprovement,
        @JsonProperty("tokens") long tokens,
        @JsonProperty("elapsed_seconds") double elapsedSeconds) {

    /** The file inside {@code training_state/}. */
    public static final String FILE = "trainer_state.json";

    /** The state of a run that has not taken a step. */
    public static TrainingState initial(long seed, long totalSteps) {
        return new TrainingState(0, 0, 0, seed, totalSteps, null, 0, 0, 0.0);
    }

    public void write(Path dir) {
        StateFile.write(dir, FILE, this);
    }

    public static TrainingState read(Path dir) {
        return StateFile.read(dir, FILE, TrainingState.class, "a training");
    }
}
