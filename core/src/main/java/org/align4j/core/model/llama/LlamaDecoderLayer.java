package org.align4j.core.model.llama;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.KvCache;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.nn.Module;
import org.align4j.core.nn.RmsNorm;

/** One Llama/Qwen2 layer: {@code x + attn(norm(x))}, then {@code x + mlp(norm(x))}. */
public final class LlamaDecoderLayer extends Module {
    private final RmsNorm inputLayernorm;
    private final LlamaAttention selfAttn;
    private final RmsNorm postAttentionLayernorm;
    private final LlamaMlp mlp;

    public LlamaDecoderLayer(LlamaConfig config, int layerIndex) {
        this.inputLayernorm = child("input_layernorm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
        this.selfAttn = child("self_attn", new LlamaAttention(config, layerIndex));
        this.postAttentionLayernorm =
                child("post_attention_layernorm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
        this.mlp = child("mlp", new LlamaMlp(config));
    }

    /** (B, T, d) → (B, T, d). */
    public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean training) {
        NDArray h = x.add(selfAttn.forward(inputLayernorm.forward(x), cos, sin, mask, cache, training));
        return h.add(mlp.forward(postAttentionLayernorm.forward(h)));
    }
}
