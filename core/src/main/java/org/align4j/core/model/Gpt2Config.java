package org.align4j.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.core.nn.Activations;

/**
 * GPT-2 hyper-parameters ({@code GPT2Config}): learned positions, pre-LayerNorm blocks, {@code gelu_new}
 * MLP of width {@code n_inner} (4·n_embd when null), tied output head.
 */
public record Gpt2Config(
        int vocabSize,
        int nPositions,
        int nEmbd,
        int nLayer,
        int nHead,
        int nInner,
        double layerNormEpsilon,
        double initializerRange,
        String activation,
        double residPdrop,
        double embdPdrop,
        double attnPdrop,
        boolean scaleAttnByInverseLayerIdx)
        implements ModelConfig {

    public Gpt2Config {
        String src = "gpt2 config";
        ConfigJson.check(vocabSize > 0, src, "vocab_size", vocabSize, "must be > 0");
        ConfigJson.check(nPositions > 0, src, "n_positions", nPositions, "must be > 0");
        ConfigJson.check(nLayer > 0, src, "n_layer", nLayer, "must be > 0");
        ConfigJson.check(nHead > 0 && nEmbd % nHead == 0, src, "n_head", nHead, "must divide n_embd=" + nEmbd);
        ConfigJson.check(nInner > 0, src, "n_inner", nInner, "must be > 0 or null");
        ConfigJson.check(Activations.SUPPORTED.contains(activation), src, "activation_function", activation,
                "one of " + Activations.SUPPORTED);
        ConfigJson.check(layerNormEpsilon > 0, src, "layer_norm_epsilon", layerNormEpsilon, "must be > 0");
    }

    static Gpt2Config read(ConfigJson c) {
        int nEmbd = c.requiredInt("n_embd");
        return new Gpt2Config(
                c.requiredInt("vocab_size"),
                c.optIntAny(1024, "n_positions", "n_ctx"),
                nEmbd,
                c.requiredInt("n_layer"),
                c.requiredInt("n_head"),
                c.optInt("n_inner", 4 * nEmbd),
                c.optDouble("layer_norm_epsilon", 1e-5),
                c.optDouble("initializer_range", 0.02),
                c.optString("activation_function", "gelu_new"),
                c.optDouble("resid_pdrop", 0.1),
                c.optDouble("embd_pdrop", 0.1),
                c.optDouble("attn_pdrop", 0.1),
                c.optBool("scale_attn_by_inverse_layer_idx", false));
    }

    /** A model of the given size with dropout off (tiny models learn faster without it). */
    public static Gpt2Config of(int vocab, int positions, int dim, int layers, int heads) {
        return new Gpt2Config(vocab, positions, dim, layers, heads, 4 * dim, 1e-5, 0.02, "gelu_new", 0, 0, 0, false);
    }

    @Override
    public String modelType() {
        return "gpt2";
    }

    @Override
    public String architecture() {
        return "GPT2LMHeadModel";
    }

    @Override
    public int hiddenSize() {
        return nEmbd;
    }

    @Override
    public int numLayers() {
        return nLayer;
    }

    @Override
    public int maxPositions() {
        return nPositions;
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    @Override
    public void writeTo(ObjectNode n) {
        n.put("vocab_size", vocabSize);
        n.put("n_positions", nPositions);
        n.put("n_ctx", nPositions);
        n.put("n_embd", nEmbd);
        n.put("n_layer", nLayer);
        n.put("n_head", nHead);
        n.put("n_inner", nInner);
        n.put("layer_norm_epsilon", layerNormEpsilon);
        n.put("initializer_range", initializerRange);
        n.put("activation_function", activation);
        n.put("resid_pdrop", residPdrop);
        n.put("embd_pdrop", embdPdrop);
        n.put("attn_pdrop", attnPdrop);
        n.put("scale_attn_by_inverse_layer_idx", scaleAttnByInverseLayerIdx);
        n.put("tie_word_embeddings", true);
    }
}
