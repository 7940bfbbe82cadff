package org.align4j.ppo.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.bundle.FrozenReference;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.train.TrainableParameter;

/**
 * The actor PPO trains: a {@link ModelBundle} whose every weight trains (the reference a second, frozen load
 * of the starting checkpoint) or whose LoRA adapters train on a frozen base (the reference the same model
 * with its adapters off, as TRL and OpenRLHF do with PEFT). Saved as an HF model or a PEFT adapter whose
 * base is the starting policy.
 */
public final class Policy implements AutoCloseable {
    private final ModelBundle bundle;

    /** Takes ownership of {@code bundle}. */
    public Policy(ModelBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Loads the policy in {@code dir}; with {@code lora}, fresh adapters (the engine's seed decides A's draw)
     * whose dropout stays off, so that π/π_old is exactly the updates' effect.
     *
     * @param template a built-in chat template, or null for the model's own
     */
    public static Policy load(Path dir, LoraConfig lora, String template) {
        ModelBundle b = ModelBundle.load(dir, template);
        try {
            if (lora != null) {
                b.attachAdapters(lora).setTraining(false);
            }
            return new Policy(b);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** The model, tokenizer, template and stop tokens. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The model that samples answers and is trained. */
    public CausalLanguageModel lm() {
        return bundle.lm();
    }

    /** The adapters being trained, or null when every weight trains. */
    public LoraModel lora() {
        return bundle.adapters().orElse(null);
    }

    /** The parameters the actor's optimizer updates (all weights, or only the LoRA adapters). */
    public List<TrainableParameter> trainableParameters() {
        return bundle.trainableParameters();
    }

    /** The frozen reference policy of the KL penalty. */
    public FrozenReference reference() {
        return bundle.reference();
    }

    /** Writes the trained weights (an HF model or a PEFT adapter) with the tokenizer files into {@code dir}. */
    public void saveWeights(Path dir) throws IOException {
        bundle.saveWeights(dir, TensorDType.F32);
    }

    /** Restores weights written by {@link #saveWeights}. */
    public void loadWeights(Path dir) {
        bundle.loadWeights(dir);
    }

    @Override
    public void close() {
        bundle.close();
    }
}
