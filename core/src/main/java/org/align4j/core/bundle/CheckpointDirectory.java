package org.align4j.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.PretrainedModel;

/**
 * A model directory as a stage is given it: a full checkpoint (config.json + weights), or a PEFT LoRA adapter
 * (adapter_config.json + adapter_model.safetensors) whose {@code base_model_name_or_path} is a checkpoint (or
 * another adapter). An adapter is merged into its base's weights on load: the result computes what base +
 * adapter compute.
 */
final class CheckpointDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointDirectory() {}

    /** Whether {@code dir} holds a PEFT adapter rather than a full checkpoint. */
    static boolean isAdapter(Path dir) {
        return Files.isRegularFile(dir.resolve(PeftAdapter.CONFIG)) && !Files.isRegularFile(dir.resolve("config.json"));
    }

    /** The weights in {@code dir}, an adapter merged into its base; a causal LM or an error naming the type. */
    static PretrainedModel load(Path dir) {
        return load(dir, 0);
    }

    private static PretrainedModel load(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such model directory; give a checkpoint directory in"
                    + " Hugging Face layout (config.json, model.safetensors, tokenizer.json) or a PEFT adapter");
        }
        PretrainedModel model = isAdapter(dir) ? load(baseOf(dir, depth), depth + 1) : HfCheckpoint.load(dir);
        try {
            model.causalLm(); // fails early, naming the model type, for a BERT directory
            if (isAdapter(dir)) {
                LoraModel lora = PeftAdapter.load(model.module(), KeyMapping.forConfig(model.config()), dir);
                lora.merge();
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The directory whose tokenizer files serve {@code dir}: its own, else (for an adapter) its base's. */
    static Path tokenizerDir(Path dir) {
        Path d = dir;
        for (int depth = 0; !Files.isRegularFile(d.resolve("tokenizer.json")) && isAdapter(d); depth++) {
            d = baseOf(d, depth);
        }
        return d;
    }

    /** The base an adapter was trained on (a checkpoint or another adapter). */
    private static Path baseOf(Path adapter, int depth) {
        if (depth > 8) {
            throw new IllegalArgumentException(adapter + ": more than 8 adapters stacked on each other; merge them"
                    + " with `align lora merge`");
        }
        Path file = adapter.resolve(PeftAdapter.CONFIG);
        JsonNode base;
        try {
            base = JSON.readTree(file.toFile()).path("base_model_name_or_path");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!base.isTextual() || base.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": no base_model_name_or_path; set it to the base checkpoint's"
                    + " directory");
        }
        Path p = adapter.resolve(base.asText()).normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(file + ": base_model_name_or_path " + base.asText() + " is not a"
                    + " directory here (align4j does not download models); point it at a local checkpoint");
        }
        return p;
    }
}
