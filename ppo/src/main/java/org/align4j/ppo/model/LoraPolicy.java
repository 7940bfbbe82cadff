package org.align4j.ppo.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.TrainableParameter;

/**
 * A policy trained through LoRA adapters (Hu et al. 2021) on a frozen base. The reference is the same
 * model with its adapters switched off: one copy of the weights serves both (as TRL and OpenRLHF do with
 * PEFT). Saved as a PEFT adapter ({@code adapter_config.json}, {@code adapter_model.safetensors}) whose
 * base is the starting policy.
 */
public final class LoraPolicy implements Policy {
    private final Path source;
    private final PretrainedModel model;
    private final LoraModel lora;
    private final ReferenceModel reference;

    private LoraPolicy(Path source, PretrainedModel model, LoraModel lora) {
        this.source = source;
        this.model = model;
        this.lora = lora;
        this.reference = new AdaptersOff();
    }

    /** Loads the base from {@code dir} and attaches fresh adapters (the engine's seed decides A's draw). */
    public static LoraPolicy load(Path dir, LoraConfig config) {
        PretrainedModel m = HfCheckpoint.load(dir);
        try {
            m.causalLm();
            LoraModel lora = LoraModel.apply(m.module(), KeyMapping.forConfig(m.config()), config);
            lora.setTraining(false); // adapter dropout stays off: π/π_old must be exactly the updates' effect
            return new LoraPolicy(dir, m, lora);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public LoraModel lora() {
        return lora;
    }

    /** The loaded base checkpoint. */
    public PretrainedModel pretrained() {
        return model;
    }

    @Override
    public CausalLanguageModel lm() {
        return model.causalLm();
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return lora.trainableParameters();
    }

    @Override
    public ReferenceModel reference() {
        return reference;
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        PeftAdapter.save(lora, dir, "CAUSAL_LM", source.toAbsolutePath().normalize().toString());
        HfCheckpoint.copySideFiles(source, dir);
    }

    @Override
    public void loadWeights(Path dir) {
        PeftAdapter.loadWeightsInto(lora, dir);
    }

    @Override
    public void close() {
        try {
            lora.close();
        } finally {
            model.close();
        }
    }

    /** The base model: the policy's own weights with the adapters off while the scope is open. */
    private final class AdaptersOff implements ReferenceModel {
        @Override
        public CausalLanguageModel model() {
            return model.causalLm();
        }

        @Override
        public Scope activate() {
            boolean was = lora.enabled();
            lora.setEnabled(false);
            return () -> lora.setEnabled(was);
        }

        @Override
        public boolean ownsWeights() {
            return false;
        }

        @Override
        public void close() {
            // the weights belong to the policy
        }
    }
}
