package org.align4j.core.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.KvCache;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.EmbeddingTable;
import org.align4j.core.nn.RmsNorm;

/**
 * Llama (Touvron et al. 2023) and Qwen2 (Yang et al. 2024) as {@code LlamaForCausalLM} /
 * {@code Qwen2ForCausalLM}. Parameter names are those of the checkpoint without the {@code model.}
 * prefix ({@code embed_tokens.weight}, {@code layers.0.self_attn.q_proj.weight}), plus
 * {@code lm_head.weight} unless {@code tie_word_embeddings}.
 */
public final class LlamaForCausalLm extends CausalLanguageModel {
    private final LlamaConfig config;
    private final EmbeddingTable embedTokens;
    private final List<LlamaDecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Dense lmHead;
    private RotaryEmbedding rotary;

    public LlamaForCausalLm(LlamaConfig config) {
        this.config = config;
        this.embedTokens = child("embed_tokens",
                new EmbeddingTable(config.vocabSize(), config.hiddenSize(), config.initializerRange()));
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(child("layers." + i, new LlamaDecoderLayer(config, i)));
        }
        this.norm = child("norm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
        this.lmHead = config.tieWordEmbeddings() ? null
                : child("lm_head", new Dense(config.hiddenSize(), config.vocabSize(), false, config.initializerRange()));
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public NDArray hidden(NDArray inputIds, NDArray attentionMask, NDArray positionIds, KvCache cache,
            boolean training) {
        return decode(inputIds, positionIds, cache, (positions, past) -> {
            NDArray table = embedTokens.weight().getArray();
            NDList cosSin = rotary(table.getManager()).at(positions, table.getDataType());
            NDArray x = embedTokens.forward(inputIds); // (B, T, d)
            NDArray mask = decoderMask(inputIds, attentionMask, past, table.getDataType());
            for (LlamaDecoderLayer layer : layers) {
                x = layer.forward(x, cosSin.get(0), cosSin.get(1), mask, cache, training);
            }
            return norm.forward(x);
        });
    }

    private synchronized RotaryEmbedding rotary(NDManager modelManager) {
        // Built lazily on the parameters' manager so that it lives (and is freed) with the model.
        if (rotary == null) {
            rotary = new RotaryEmbedding(modelManager, config.headDim(), config.maxPositions(), config.ropeTheta());
        }
        return rotary;
    }

    @Override
    public NDArray logits(NDArray hidden) {
        return lmHead != null ? lmHead.forward(hidden) : Linear.linear(hidden, embedTokens.weight().getArray()).head();
    }
}
