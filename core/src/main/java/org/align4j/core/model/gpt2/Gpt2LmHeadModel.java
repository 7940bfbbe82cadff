package org.align4j.core.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.KvCache;
import org.align4j.core.nn.EmbeddingTable;
import org.align4j.core.nn.LayerNormalization;

/**
 * GPT-2 (Radford et al. 2019) as {@code GPT2LMHeadModel}: token and learned position embeddings,
 * {@code n_layer} pre-norm blocks, a final LayerNorm and an output head tied to the token embedding.
 * Parameter names are those of {@code GPT2Model} ({@code wte.weight}, {@code h.0.attn.c_attn.weight}).
 */
public final class Gpt2LmHeadModel extends CausalLanguageModel {
    private final Gpt2Config config;
    private final EmbeddingTable wte;
    private final EmbeddingTable wpe;
    private final List<Gpt2Block> blocks = new ArrayList<>();
    private final LayerNormalization lnF;

    public Gpt2LmHeadModel(Gpt2Config config) {
        this.config = config;
        this.wte = child("wte", new EmbeddingTable(config.vocabSize(), config.nEmbd(), config.initializerRange()));
        this.wpe = child("wpe", new EmbeddingTable(config.nPositions(), config.nEmbd(), config.initializerRange()));
        for (int i = 0; i < config.nLayer(); i++) {
            blocks.add(child("h." + i, new Gpt2Block(config, i)));
        }
        this.lnF = child("ln_f", new LayerNormalization(config.nEmbd(), config.layerNormEpsilon()));
    }

    @Override
    public Gpt2Config config() {
        return config;
    }

    @Override
    public NDArray hidden(NDArray inputIds, NDArray attentionMask, NDArray positionIds, KvCache cache,
            boolean training) {
        return decode(inputIds, positionIds, cache, (positions, past) -> {
            NDArray x = wte.forward(inputIds).add(wpe.forward(positions)); // (B, T, d)
            if (training && config.embdPdrop() > 0) {
                x = Dropout.dropout(x, (float) config.embdPdrop(), true).head();
            }
            NDArray mask = decoderMask(inputIds, attentionMask, past, x.getDataType());
            for (Gpt2Block block : blocks) {
                x = block.forward(x, mask, cache, training);
            }
            return lnF.forward(x);
        });
    }

    @Override
    public NDArray logits(NDArray hidden) {
        return Linear.linear(hidden, wte.weight().getArray()).head(); // (B, T, V), tied to wte
    }
}
