package org.align4j.core.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.model.AttentionKernel;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.KvCache;
import org.align4j.core.nn.Conv1D;
import org.align4j.core.nn.Module;

/** GPT-2 causal self-attention: one fused {@code c_attn} projection to q, k, v and an output {@code c_proj}. */
public final class Gpt2Attention extends Module {
    private final Conv1D cAttn;
    private final Conv1D cProj;
    private final Gpt2Config config;
    private final int layerIndex;
    private final double scale;

    public Gpt2Attention(Gpt2Config config, int layerIndex) {
        this.config = config;
        this.layerIndex = layerIndex;
        int d = config.nEmbd();
        this.cAttn = child("c_attn", new Conv1D(d, 3L * d, config.initializerRange()));
        // HF scales the residual projections by 1/sqrt(2·n_layer) at initialisation.
        this.cProj = child("c_proj", new Conv1D(d, d, config.initializerRange() / Math.sqrt(2.0 * config.nLayer())));
        double s = 1.0 / Math.sqrt(config.headDim());
        this.scale = config.scaleAttnByInverseLayerIdx() ? s / (layerIndex + 1) : s;
    }

    /** x (B, T, d) → (B, T, d). */
    public NDArray forward(NDArray x, NDArray mask, KvCache cache, boolean training) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int nh = config.nHead();
        int hs = config.headDim();
        NDList qkv = cAttn.forward(x).split(3, 2); // 3 × (B, T, d)
        NDArray q = qkv.get(0).reshape(b, t, nh, hs).transpose(0, 2, 1, 3); // (B, nh, T, hs)
        NDArray k = qkv.get(1).reshape(b, t, nh, hs).transpose(0, 2, 1, 3); // (B, nh, T, hs)
        NDArray v = qkv.get(2).reshape(b, t, nh, hs).transpose(0, 2, 1, 3); // (B, nh, T, hs)
        if (cache != null) {
            NDList kv = cache.update(layerIndex, k, v);
            k = kv.get(0); // (B, nh, S, hs)
            v = kv.get(1);
        }
        NDArray y = AttentionKernel.attend(q, k, v, mask, scale, config.attnPdrop(), training); // (B, nh, T, hs)
        y = y.transpose(0, 2, 1, 3).reshape(b, t, (long) nh * hs); // (B, T, d)
        NDArray out = cProj.forward(y);
        return training && config.residPdrop() > 0
                ? Dropout.dropout(out, (float) config.residPdrop(), true).head()
                : out;
    }
}
