package org.align4j.sft;

import java.util.List;
import java.util.Map;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.Checks;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;

/**
 * The configuration of {@code align sft}: one YAML (or JSON) file, every field overridable with
 * {@code --set section.key=value}. See {@code sft.example.yaml}.
 *
 * @param model the model to fine-tune: a Hugging Face directory (GPT-2, Llama or Qwen2), e.g. one written by
 *     {@code align model init}
 * @param data the SFT data
 * @param lora LoRA settings, or null for full fine-tuning
 * @param train the shared training settings
 * @param saveDtype the dtype of the final model's weights: f32, f16 or bf16 (checkpoints are always f32,
 *     for exact resume)
 */
public record SftConfig(String model, SftDataConfig data, LoraConfig lora, TrainConfig train, String saveDtype) {
    /** The demo's configuration, sized for {@code align demo}'s full plan (its paths left to the caller). */
    public static final String DEMO_RESOURCE = "/sft.demo.yaml";

    public SftConfig {
        if (data == null) {
            throw new IllegalArgumentException("data: must be set (at least data.train)");
        }
        if (train == null) {
            throw new IllegalArgumentException("train: must be a section, not null");
        }
        Checks.oneOf("save_dtype", saveDtype, List.of("f32", "f16", "bf16"));
    }

    /** The defaults every file is merged over ({@code model} and {@code data.train} have none). */
    public static SftConfig defaults() {
        return new SftConfig(null, SftDataConfig.defaults(), null, TrainConfig.defaults(), "f32");
    }

    /**
     * The demo's configuration, {@code sft.demo.yaml} (what {@code align demo} trains), with {@code key=value}
     * {@code overrides}; {@code model}, {@code data.train} and {@code train.output_dir} are the caller's.
     */
    public static SftConfig demo(List<String> overrides) {
        return RunConfigLoader.loadText(BundledText.read(SftConfig.class, DEMO_RESOURCE), "sft.demo.yaml", overrides,
                SftConfig.class, defaults(), sectionDefaults()).requireComplete();
    }

    /** Checks the fields that have no default; the message names the missing field. */
    public SftConfig requireComplete() {
        Checks.notBlank("model", model);
        Checks.notBlank("data.train", data.train());
        return this;
    }

    /** Defaults of the sections that are off (null) unless the file turns them on. */
    public static Map<String, Object> sectionDefaults() {
        return Map.of("lora", LoraConfig.defaults());
    }
}
