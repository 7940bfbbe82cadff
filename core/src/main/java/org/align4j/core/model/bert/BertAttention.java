package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Module;

/** {@code attention.self} followed by {@code attention.output}. */
public final class BertAttention extends Module {
    private final BertSelfAttention self;
    private final BertResidualOutput output;

    public BertAttention(BertConfig config) {
        this.self = child("self", new BertSelfAttention(config));
        this.output = child("output", new BertResidualOutput(config, config.hiddenSize()));
    }

    /** (B, S, d) → (B, S, d). */
    public NDArray forward(NDArray x, NDArray mask, boolean training) {
        return output.forward(self.forward(x, mask, training), x, training);
    }
}
