package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;
import org.align4j.core.precision.Casts;

/**
 * {@code BertForSequenceClassification}: {@code classifier(dropout(pooler_output))}. With
 * {@code num_labels = 1} it is a regressor, the reward model's body: one score per sequence.
 */
public final class BertForSequenceClassification extends Module {
    private final BertConfig config;
    private final BertModel bert;
    private final Dense classifier;

    public BertForSequenceClassification(BertConfig config) {
        this.config = config;
        this.bert = child("bert", new BertModel(config));
        this.classifier = child("classifier",
                new Dense(config.hiddenSize(), config.numLabels(), true, config.initializerRange()));
    }

    public BertConfig config() {
        return config;
    }

    /**
     * (B, S) ids, token types and padding mask → (B, num_labels) logits (scores), float32 whatever the weights'
     * type (half-precision training computes its loss on float32 scores; the widening is differentiable).
     */
    public NDArray forward(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask, boolean training) {
        NDArray pooled = bert.forward(inputIds, tokenTypeIds, attentionMask, training).get(1); // (B, d)
        double drop = config.classifierDropout() != null ? config.classifierDropout() : config.hiddenDropout();
        if (training && drop > 0) {
            pooled = Dropout.dropout(pooled, (float) drop, true).head();
        }
        return Casts.widen(classifier.forward(pooled));
    }
}
