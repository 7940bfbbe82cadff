package org.align4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Llama / Qwen2 hyper-parameters ({@code LlamaConfig}, {@code Qwen2Config}): RMSNorm, rotary position
 * embeddings with base {@code rope_theta}, grouped-query attention with {@code num_key_value_heads},
 * a SwiGLU MLP. The two families differ in their biases: Qwen2 has q/k/v biases and no o bias;
 * Llama has biases on q/k/v/o only when {@code attention_bias} is set.
 */
public record LlamaConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int maxPositions,
        double rmsNormEps,
        double ropeTheta,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean mlpBias,
        String hiddenAct,
        double attentionDropout,
        double initializerRange)
        implements ModelConfig {

    public LlamaConfig {
        String src = modelType + " config";
        ConfigJson.check("llama".equals(modelType) || "qwen2".equals(modelType), src, "model_type", modelType,
                "llama or qwen2");
        ConfigJson.check(vocabSize > 0, src, "vocab_size", vocabSize, "must be > 0");
        ConfigJson.check(numLayers > 0, src, "num_hidden_layers", numLayers, "must be > 0");
        ConfigJson.check(numHeads > 0, src, "num_attention_heads", numHeads, "must be > 0");
        ConfigJson.check(numKvHeads > 0 && numHeads % numKvHeads == 0, src, "num_key_value_heads", numKvHeads,
                "must divide num_attention_heads=" + numHeads);
        ConfigJson.check(headDim > 0 && headDim % 2 == 0, src, "head_dim", headDim, "must be even and > 0");
        ConfigJson.check("silu".equals(hiddenAct), src, "hidden_act", hiddenAct, "only silu is supported");
        ConfigJson.check(ropeTheta > 0, src, "rope_theta", ropeTheta, "must be > 0");
        ConfigJson.check(rmsNormEps > 0, src, "rms_norm_eps", rmsNormEps, "must be > 0");
    }

    static LlamaConfig read(ConfigJson c, String modelType) {
        int hidden = c.requiredInt("hidden_size");
        int heads = c.requiredInt("num_attention_heads");
        boolean qwen = "qwen2".equals(modelType);
        if (c.optBool("use_sliding_window", false)) {
            throw new IllegalArgumentException("qwen2 config: use_sliding_window=true is not supported "
                    + "(set it to false; align4j attends over the whole context)");
        }
        return new LlamaConfig(
                modelType,
                c.requiredInt("vocab_size"),
                hidden,
                c.requiredInt("intermediate_size"),
                c.requiredInt("num_hidden_layers"),
                heads,
                c.optInt("num_key_value_heads", heads),
                c.optInt("head_dim", hidden / heads),
                c.optInt("max_position_embeddings", 2048),
                c.optDouble("rms_norm_eps", 1e-6),
                ropeTheta(c),
                c.optBool("tie_word_embeddings", false),
                qwen || c.optBool("attention_bias", false),
                c.optBool("mlp_bias", false),
                c.optString("hidden_act", "silu"),
                c.optDouble("attention_dropout", 0.0),
                c.optDouble("initializer_range", 0.02));
    }

    /** {@code rope_theta} at the top level (transformers 4) or in {@code rope_parameters} (transformers 5). */
    private static double ropeTheta(ConfigJson c) {
        for (String key : new String[] {"rope_scaling", "rope_parameters"}) {
            JsonNode rope = c.node().get(key);
            if (rope != null && !rope.isNull()) {
                String type = rope.path("rope_type").asText(rope.path("type").asText("default"));
                if (!"default".equals(type)) {
                    throw new IllegalArgumentException("config: " + key + ".rope_type '" + type
                            + "' is not supported (only default rotary embeddings)");
                }
                if (rope.has("rope_theta")) {
                    return rope.get("rope_theta").asDouble();
                }
            }
        }
        return c.optDouble("rope_theta", 10000.0);
    }

    /** Whether q/k/v projections carry a bias. */
    public boolean qkvBias() {
        return attentionBias;
    }

    /** Whether the output projection carries a bias (Llama with attention_bias; never Qwen2). */
    public boolean oBias() {
        return attentionBias && "llama".equals(modelType);
    }

    @Override
    public String architecture() {
        return "qwen2".equals(modelType) ? "Qwen2ForCausalLM" : "LlamaForCausalLM";
    }

    @Override
    public void writeTo(ObjectNode n) {
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("intermediate_size", intermediateSize);
        n.put("num_hidden_layers", numLayers);
        n.put("num_attention_heads", numHeads);
        n.put("num_key_value_heads", numKvHeads);
        n.put("head_dim", headDim);
        n.put("max_position_embeddings", maxPositions);
        n.put("rms_norm_eps", rmsNormEps);
        n.put("rope_theta", ropeTheta);
        n.putNull("rope_scaling");
        n.put("tie_word_embeddings", tieWordEmbeddings);
        if ("llama".equals(modelType)) {
            n.put("attention_bias", attentionBias);
            n.put("mlp_bias", mlpBias);
        } else {
            n.put("use_sliding_window", false);
        }
        n.put("hidden_act", hiddenAct);
        n.put("attention_dropout", attentionDropout);
        n.put("initializer_range", initializerRange);
    }
}
