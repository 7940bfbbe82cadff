package org.align4j.core.model;

import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.core.model.gpt2.Gpt2LmHeadModel;
import org.align4j.core.model.llama.LlamaForCausalLm;
import org.align4j.core.nn.Module;

/** Builds the (uninitialised) block for a config. */
public final class ModelFactory {
    private ModelFactory() {}

    public static Module create(ModelConfig config) {
        if (config instanceof Gpt2Config g) {
            return new Gpt2LmHeadModel(g);
        }
        if (config instanceof LlamaConfig l) {
            return new LlamaForCausalLm(l);
        }
        if (config instanceof BertConfig b) {
            return new BertForSequenceClassification(b);
        }
        throw new IllegalArgumentException("unsupported config " + config);
    }
}
