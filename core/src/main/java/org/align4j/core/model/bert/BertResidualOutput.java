package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.LayerNormalization;
import org.align4j.core.nn.Module;

/**
 * BERT's post-norm residual step ({@code BertSelfOutput} and {@code BertOutput}):
 * {@code LayerNorm(dropout(dense(h)) + input)}.
 */
public final class BertResidualOutput extends Module {
    private final Dense dense;
    private final LayerNormalization layerNorm;
    private final BertConfig config;

    public BertResidualOutput(BertConfig config, int inFeatures) {
        this.config = config;
        this.dense = child("dense", new Dense(inFeatures, config.hiddenSize(), true, config.initializerRange()));
        this.layerNorm = child("LayerNorm", new LayerNormalization(config.hiddenSize(), config.layerNormEps()));
    }

    /** h (B, S, in), residual (B, S, d) → (B, S, d). */
    public NDArray forward(NDArray h, NDArray residual, boolean training) {
        NDArray x = dense.forward(h);
        if (training && config.hiddenDropout() > 0) {
            x = Dropout.dropout(x, (float) config.hiddenDropout(), true).head();
        }
        return layerNorm.forward(x.add(residual));
    }
}
