package org.align4j.core.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.core.nn.Module;

/**
 * A model with its config and the manager that owns its parameters; closing it frees them.
 * {@link #configJson()} keeps every field of the original {@code config.json} (token ids, …).
 */
public record PretrainedModel(NDManager manager, Module module, ModelConfig config, ObjectNode configJson)
        implements AutoCloseable {

    /** The model as a causal LM, or an error saying it is not one. */
    public CausalLanguageModel causalLm() {
        if (module instanceof CausalLanguageModel lm) {
            return lm;
        }
        throw new IllegalArgumentException("model_type '" + config.modelType()
                + "' is not a causal language model (expected gpt2, llama or qwen2)");
    }

    /** The model as a BERT sequence classifier/regressor, or an error saying it is not one. */
    public BertForSequenceClassification sequenceClassifier() {
        if (module instanceof BertForSequenceClassification b) {
            return b;
        }
        throw new IllegalArgumentException("model_type '" + config.modelType()
                + "' is not a sequence classifier (expected bert)");
    }

    /** An integer token id from config.json ({@code eos_token_id}, …), or null. */
    public Integer tokenId(String field) {
        return new ConfigJson(configJson, "config.json").optTokenId(field);
    }

    @Override
    public void close() {
        manager.close();
    }
}
