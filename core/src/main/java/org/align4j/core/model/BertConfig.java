package org.align4j.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.core.nn.Activations;

/**
 * BERT hyper-parameters ({@code BertConfig}) for {@code BertForSequenceClassification} with
 * {@code num_labels} outputs (1 = a regressor, the reward model).
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        String hiddenAct,
        double hiddenDropout,
        double attentionDropout,
        int maxPositions,
        int typeVocabSize,
        double layerNormEps,
        double initializerRange,
        int numLabels,
        Double classifierDropout)
        implements ModelConfig {

    public BertConfig {
        String src = "bert config";
        ConfigJson.check(vocabSize > 0, src, "vocab_size", vocabSize, "must be > 0");
        ConfigJson.check(numLayers > 0, src, "num_hidden_layers", numLayers, "must be > 0");
        ConfigJson.check(numHeads > 0 && hiddenSize % numHeads == 0, src, "num_attention_heads", numHeads,
                "must divide hidden_size=" + hiddenSize);
        ConfigJson.check(typeVocabSize > 0, src, "type_vocab_size", typeVocabSize, "must be > 0");
        ConfigJson.check(numLabels > 0, src, "num_labels", numLabels, "must be > 0");
        ConfigJson.check(Activations.SUPPORTED.contains(hiddenAct), src, "hidden_act", hiddenAct,
                "one of " + Activations.SUPPORTED);
    }

    static BertConfig read(ConfigJson c) {
        String pos = c.optString("position_embedding_type", "absolute");
        if (!"absolute".equals(pos)) {
            throw new IllegalArgumentException(
                    "bert config: position_embedding_type '" + pos + "' is not supported (only absolute)");
        }
        int numLabels = c.node().has("id2label") ? c.node().get("id2label").size() : c.optInt("num_labels", 1);
        Double clsDrop = c.node().hasNonNull("classifier_dropout") ? c.optDouble("classifier_dropout", 0) : null;
        return new BertConfig(
                c.requiredInt("vocab_size"),
                c.requiredInt("hidden_size"),
                c.requiredInt("num_hidden_layers"),
                c.requiredInt("num_attention_heads"),
                c.requiredInt("intermediate_size"),
                c.optString("hidden_act", "gelu"),
                c.optDouble("hidden_dropout_prob", 0.1),
                c.optDouble("attention_probs_dropout_prob", 0.1),
                c.optInt("max_position_embeddings", 512),
                c.optInt("type_vocab_size", 2),
                c.optDouble("layer_norm_eps", 1e-12),
                c.optDouble("initializer_range", 0.02),
                numLabels,
                clsDrop);
    }

    @Override
    public String modelType() {
        return "bert";
    }

    @Override
    public String architecture() {
        return "BertForSequenceClassification";
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    @Override
    public void writeTo(ObjectNode n) {
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("num_hidden_layers", numLayers);
        n.put("num_attention_heads", numHeads);
        n.put("intermediate_size", intermediateSize);
        n.put("hidden_act", hiddenAct);
        n.put("hidden_dropout_prob", hiddenDropout);
        n.put("attention_probs_dropout_prob", attentionDropout);
        n.put("max_position_embeddings", maxPositions);
        n.put("type_vocab_size", typeVocabSize);
        n.put("layer_norm_eps", layerNormEps);
        n.put("initializer_range", initializerRange);
        n.put("position_embedding_type", "absolute");
        if (classifierDropout == null) {
            n.putNull("classifier_dropout");
        } else {
            n.put("classifier_dropout", classifierDropout);
        }
        ObjectNode id2label = n.putObject("id2label");
        ObjectNode label2id = n.putObject("label2id");
        for (int i = 0; i < numLabels; i++) {
            id2label.put(String.valueOf(i), "LABEL_" + i);
            label2id.put("LABEL_" + i, i);
        }
        if (numLabels == 1) {
            n.put("problem_type", "regression");
        }
    }
}
