package org.align4j.reward.config;

import org.align4j.core.train.config.Checks;

/**
 * The {@code model:} section: where the BERT encoder comes from. Exactly one of
 * <ul>
 *   <li>{@code path}: a Hugging Face BERT directory (config.json, model.safetensors, tokenizer.json), e.g. a
 *       bert-base-chinese download or {@code align model init --arch bert --tokenizer ...}; a missing score
 *       head ({@code classifier}) is initialised fresh, as transformers does;</li>
 *   <li>{@code init}: a fresh model of a preset size (see {@link ModelInit}).</li>
 * </ul>
 */
public record RewardModelConfig(String path, ModelInit init) {
    public RewardModelConfig {
        if (path != null) {
            Checks.notBlank("path", path);
        }
        if (path != null && init != null) {
            throw new IllegalArgumentException("path: set either model.path (a BERT checkpoint) or model.init (train "
                    + "from scratch), not both");
        }
    }

    /** Neither set: a run must configure one. */
    public static RewardModelConfig defaults() {
        return new RewardModelConfig(null, null);
    }

    public boolean isSet() {
        return path != null || init != null;
    }
}
