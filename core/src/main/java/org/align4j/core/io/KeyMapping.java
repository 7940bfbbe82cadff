package org.align4j.core.io;

import org.align4j.core.model.BertConfig;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.model.ModelConfig;

/**
 * Maps checkpoint tensor names to the model's parameter names and back: the optional
 * {@code transformer.} / {@code model.} / {@code bert.} prefixes, tied heads, and buffers that old
 * checkpoints carry but that are not parameters.
 */
public interface KeyMapping {
    /** The parameter name for a checkpoint key, or null when the key is a known non-parameter to skip. */
    String toModel(String checkpointKey);

    /** The key written on save for a parameter. */
    String toCheckpoint(String modelKey);

    /** Whether a parameter may be absent from a checkpoint (it is then freshly initialised, as in HF). */
    default boolean mayBeMissing(String modelKey) {
        return false;
    }

    static KeyMapping forConfig(ModelConfig config) {
        if (config instanceof Gpt2Config) {
            return new Gpt2Keys();
        }
        if (config instanceof LlamaConfig l) {
            return new LlamaKeys(l.tieWordEmbeddings());
        }
        if (config instanceof BertConfig) {
            return new BertKeys();
        }
        throw new IllegalArgumentException("no key mapping for " + config.modelType());
    }

    /** {@code GPT2LMHeadModel}: {@code transformer.*}, and {@code lm_head.weight} tied to {@code wte}. */
    final class Gpt2Keys implements KeyMapping {
        @Override
        public String toModel(String key) {
            String k = key.startsWith("transformer.") ? key.substring("transformer.".length()) : key;
            if (k.equals("lm_head.weight") || k.endsWith(".attn.bias") || k.endsWith(".attn.masked_bias")) {
                return null; // the tied head, and the causal-mask buffers of old checkpoints
            }
            return k;
        }

        @Override
        public String toCheckpoint(String modelKey) {
            return "transformer." + modelKey;
        }
    }

    /** {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM}: {@code model.*} plus {@code lm_head.weight}. */
    final class LlamaKeys implements KeyMapping {
        private final boolean tied;

        LlamaKeys(boolean tied) {
            this.tied = tied;
        }

        @Override
        public String toModel(String key) {
            if (key.startsWith("lm_head.")) {
                return tied ? null : key;
            }
            String k = key.startsWith("model.") ? key.substring("model.".length()) : key;
            return k.endsWith(".rotary_emb.inv_freq") ? null : k;
        }

        @Override
        public String toCheckpoint(String modelKey) {
            return modelKey.startsWith("lm_head.") ? modelKey : "model." + modelKey;
        }
    }

    /** {@code BertForSequenceClassification}: {@code bert.*} and {@code classifier.*}. */
    final class BertKeys implements KeyMapping {
        @Override
        public String toModel(String key) {
            if (key.startsWith("cls.") || key.endsWith("embeddings.position_ids")) {
                return null; // pre-training heads and the position-id buffer
            }
            String k = key.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias");
            if (k.startsWith("bert.") || k.startsWith("classifier.")) {
                return k;
            }
            return "bert." + k;
        }

        @Override
        public String toCheckpoint(String modelKey) {
            return modelKey;
        }

        @Override
        public boolean mayBeMissing(String modelKey) {
            // A plain BERT encoder (e.g. bert-base-chinese) gets a fresh score head, as in transformers.
            return modelKey.startsWith("classifier.") || modelKey.startsWith("bert.pooler.");
        }
    }
}
