package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.model.AttentionKernel;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/** The BERT encoder (Devlin et al. 2019): embeddings, {@code encoder.layer.N}, and the tanh {@code pooler}. */
public final class BertModel extends Module {
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();
    private final Dense pooler;

    public BertModel(BertConfig config) {
        this.embeddings = child("embeddings", new BertEmbeddings(config));
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(child("encoder.layer." + i, new BertLayer(config)));
        }
        this.pooler = child("pooler.dense",
                new Dense(config.hiddenSize(), config.hiddenSize(), true, config.initializerRange()));
    }

    /**
     * @param inputIds (B, S) int64
     * @param tokenTypeIds (B, S) int64 or null (all zeros)
     * @param attentionMask (B, S) 1 = token, 0 = padding, or null (no padding)
     * @return the last hidden states (B, S, d) and the pooled output (B, d)
     */
    public NDList forward(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask, boolean training) {
        NDArray x = embeddings.forward(inputIds, tokenTypeIds, training); // (B, S, d) in the weights' type
        NDArray mask = attentionMask == null ? null
                : AttentionKernel.paddingMask(inputIds.getManager(), attentionMask, x.getDataType()); // (B, 1, 1, S)
        for (BertLayer layer : layers) {
            x = layer.forward(x, mask, training);
        }
        NDArray cls = x.get(new NDIndex(":, 0, :")); // (B, d)
        return new NDList(x, pooler.forward(cls).tanh());
    }
}
