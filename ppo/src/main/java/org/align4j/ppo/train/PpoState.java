package org.align4j.ppo.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public void write(Path dir) {
        try {
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static PpoState read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing: " + dir.getParent() + " is not a PPO checkpoint");
        }
        try {
            return JSON.readValue(file.toFile(), PpoState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
