package org.align4j.core.model.gpt2;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.KvCache;
import org.align4j.core.nn.LayerNormalization;
import org.align4j.core.nn.Module;

/** One GPT-2 layer: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. */
public final class Gpt2Block extends Module {
    private final LayerNormalization ln1;
    private final Gpt2Attention attn;
    private final LayerNormalization ln2;
    private final Gpt2Mlp mlp;

    public Gpt2Block(Gpt2Config config, int layerIndex) {
        this.ln1 = child("ln_1", new LayerNormalization(config.nEmbd(), config.layerNormEpsilon()));
        this.attn = child("attn", new Gpt2Attention(config, layerIndex));
        this.ln2 = child("ln_2", new LayerNormalization(config.nEmbd(), config.layerNormEpsilon()));
        this.mlp = child("mlp", new Gpt2Mlp(config));
    }

    /** (B, T, d) → (B, T, d). */
    public NDArray forward(NDArray x, NDArray mask, KvCache cache, boolean training) {
        NDArray h = x.add(attn.forward(ln1.forward(x), mask, cache, training));
        return h.add(mlp.forward(ln2.forward(h), training));
    }
}
