package org.align4j.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The architecture hyper-parameters of a checkpoint, read from and written to {@code config.json}. */
public sealed interface ModelConfig permits Gpt2Config, LlamaConfig, BertConfig {
    /** Hugging Face {@code model_type}: gpt2, llama, qwen2 or bert. */
    String modelType();

    /** The {@code architectures} entry written on save (e.g. {@code GPT2LMHeadModel}). */
    String architecture();

    int vocabSize();

    int hiddenSize();

    int numLayers();

    /** The longest sequence the position encoding supports. */
    int maxPositions();

    /** Writes this config's fields over {@code node} (other fields, e.g. token ids, are kept). */
    void writeTo(ObjectNode node);
}
