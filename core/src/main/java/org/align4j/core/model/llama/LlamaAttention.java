package org.align4j.core.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.align4j.core.model.AttentionKernel;
import org.align4j.core.model.KvCache;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/**
 * Llama/Qwen2 self-attention with rotary positions and grouped-query attention (Ainslie et al. 2023):
 * {@code num_key_value_heads} key/value heads shared by groups of query heads.
 */
public final class LlamaAttention extends Module {
    private final Dense qProj;
    private final Dense kProj;
    private final Dense vProj;
    private final Dense oProj;
    private final LlamaConfig config;
    private final int layerIndex;

    public LlamaAttention(LlamaConfig config, int layerIndex) {
        this.config = config;
        this.layerIndex = layerIndex;
        int d = config.hiddenSize();
        int hs = config.headDim();
        double std = config.initializerRange();
        this.qProj = child("q_proj", new Dense(d, (long) config.numHeads() * hs, config.qkvBias(), std));
        this.kProj = child("k_proj", new Dense(d, (long) config.numKvHeads() * hs, config.qkvBias(), std));
        this.vProj = child("v_proj", new Dense(d, (long) config.numKvHeads() * hs, config.qkvBias(), std));
        this.oProj = child("o_proj", new Dense((long) config.numHeads() * hs, d, config.oBias(), std));
    }

    /** x (B, T, d) with cos/sin (B, 1, T, hs) → (B, T, d). */
    public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean training) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int hs = config.headDim();
        NDArray q = qProj.forward(x).reshape(b, t, config.numHeads(), hs).transpose(0, 2, 1, 3); // (B, nh, T, hs)
        NDArray k = kProj.forward(x).reshape(b, t, config.numKvHeads(), hs).transpose(0, 2, 1, 3); // (B, nkv, T, hs)
        NDArray v = vProj.forward(x).reshape(b, t, config.numKvHeads(), hs).transpose(0, 2, 1, 3); // (B, nkv, T, hs)
        q = RotaryEmbedding.apply(q, cos, sin);
        k = RotaryEmbedding.apply(k, cos, sin);
        if (cache != null) {
            NDList kv = cache.update(layerIndex, k, v);
            k = kv.get(0); // (B, nkv, S, hs)
            v = kv.get(1);
        }
        NDArray y = AttentionKernel.attend(q, k, v, mask, 1.0 / Math.sqrt(hs), config.attentionDropout(), training);
        y = y.transpose(0, 2, 1, 3).reshape(b, t, (long) config.numHeads() * hs); // (B, T, nh·hs)
        return oProj.forward(y);
    }
}
