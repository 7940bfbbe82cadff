package org.align4j.ppo.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import org.align4j.core.train.StateFile;

/**
 * What a PPO checkpoint keeps besides weights, optimizer moments and the shared {@code trainer_state.json}:
 * the KL coefficient β the next iteration uses, and the held-out rewards so far. Random state is not stored:
 * every draw of iteration {@code i} (sampling, minibatch order, the engine's seed) is a function of
 * (seed, i), so the seed and the iteration determine it.
 *
 * @param iteration iterations completed
 * @param klCoef β for the next iteration (after the controller's update)
 * @param firstEvalReward the held-out mean reward before training, or null
 * @param lastEvalReward the latest held-out mean reward, or null
 */
public record PpoState(
        @JsonProperty("iteration") long iteration,
        @JsonProperty("kl_coef") double klCoef,
        @JsonProperty("first_eval_reward") Double firstEvalReward,
        @JsonProperty("last_eval_reward") Double lastEvalReward) {

    /** The file inside {@code training_state/}. */
    public static final String FILE = "ppo_state.json";

    public void write(Path dir) {
        StateFile.write(dir, FILE, this);
    }

    public static PpoState read(Path dir) {
        return StateFile.read(dir, FILE, PpoState.class, "a PPO");
    }
}
