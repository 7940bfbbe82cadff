package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.AttentionKernel;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/** Bidirectional multi-head attention with separate {@code query}, {@code key}, {@code value} projections. */
public final class BertSelfAttention extends Module {
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final BertConfig config;

    public BertSelfAttention(BertConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        double std = config.initializerRange();
        this.query = child("query", new Dense(d, d, true, std));
        this.key = child("key", new Dense(d, d, true, std));
        this.value = child("value", new Dense(d, d, true, std));
    }

    /** (B, S, d) with an additive mask (B, 1, 1, S) → (B, S, d). */
    public NDArray forward(NDArray x, NDArray mask, boolean training) {
        long b = x.getShape().get(0);
        long s = x.getShape().get(1);
        int nh = config.numHeads();
        int hs = config.headDim();
        NDArray q = query.forward(x).reshape(b, s, nh, hs).transpose(0, 2, 1, 3); // (B, nh, S, hs)
        NDArray k = key.forward(x).reshape(b, s, nh, hs).transpose(0, 2, 1, 3); // (B, nh, S, hs)
        NDArray v = value.forward(x).reshape(b, s, nh, hs).transpose(0, 2, 1, 3); // (B, nh, S, hs)
        NDArray y = AttentionKernel.attend(q, k, v, mask, 1.0 / Math.sqrt(hs), config.attentionDropout(), training);
        return y.transpose(0, 2, 1, 3).reshape(b, s, (long) nh * hs); // (B, S, d)
    }
}
