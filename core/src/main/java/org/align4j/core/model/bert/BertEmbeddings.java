package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.EmbeddingTable;
import org.align4j.core.nn.LayerNormalization;
import org.align4j.core.nn.Module;

/** Word + absolute position + token-type embeddings, then LayerNorm and dropout. */
public final class BertEmbeddings extends Module {
    private final EmbeddingTable wordEmbeddings;
    private final EmbeddingTable positionEmbeddings;
    private final EmbeddingTable tokenTypeEmbeddings;
    private final LayerNormalization layerNorm;
    private final BertConfig config;

    public BertEmbeddings(BertConfig config) {
        this.config = config;
        double std = config.initializerRange();
        this.wordEmbeddings = child("word_embeddings", new EmbeddingTable(config.vocabSize(), config.hiddenSize(), std));
        this.positionEmbeddings =
                child("position_embeddings", new EmbeddingTable(config.maxPositions(), config.hiddenSize(), std));
        this.tokenTypeEmbeddings =
                child("token_type_embeddings", new EmbeddingTable(config.typeVocabSize(), config.hiddenSize(), std));
        this.layerNorm = child("LayerNorm", new LayerNormalization(config.hiddenSize(), config.layerNormEps()));
    }

    /** ids and token types (B, S) → (B, S, d). */
    public NDArray forward(NDArray inputIds, NDArray tokenTypeIds, boolean training) {
        long s = inputIds.getShape().get(1);
        NDArray positions = inputIds.getManager().arange(0, (int) s).toType(DataType.INT64, false).reshape(1, s);
        NDArray types = tokenTypeIds != null ? tokenTypeIds : inputIds.zerosLike();
        NDArray x = wordEmbeddings.forward(inputIds)
                .add(tokenTypeEmbeddings.forward(types))
                .addi(positionEmbeddings.forward(positions)); // (B, S, d)
        x = layerNorm.forward(x);
        return training && config.hiddenDropout() > 0
                ? Dropout.dropout(x, (float) config.hiddenDropout(), true).head()
                : x;
    }
}
