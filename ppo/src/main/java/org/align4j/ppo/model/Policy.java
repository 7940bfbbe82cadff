package org.align4j.ppo.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.train.TrainableParameter;

/**
 * The actor PPO trains: its causal LM, the parameters its optimizer updates, how its weights are saved
 * and restored, and its frozen reference.
 */
public interface Policy extends AutoCloseable {
    /** The model that samples answers and is trained. */
    CausalLanguageModel lm();

    /** The parameters the actor's optimizer updates (all weights, or only LoRA adapters). */
    List<TrainableParameter> trainableParameters();

    /** The frozen reference policy. */
    ReferenceModel reference();

    /** Writes the trained weights (an HF model or a PEFT adapter) with the tokenizer files into {@code dir}. */
    void saveWeights(Path dir) throws IOException;

    /** Restores weights written by {@link #saveWeights}. */
    void loadWeights(Path dir);

    @Override
    void close();
}
