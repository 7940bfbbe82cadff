package org.align4j.core.model.bert;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.BertConfig;
import org.align4j.core.nn.Activations;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/** One encoder layer: attention, then {@code output(act(intermediate.dense(h)), h)}. */
public final class BertLayer extends Module {
    private final BertAttention attention;
    private final Dense intermediate;
    private final BertResidualOutput output;
    private final String activation;

    public BertLayer(BertConfig config) {
        this.activation = config.hiddenAct();
        this.attention = child("attention", new BertAttention(config));
        this.intermediate = child("intermediate", new BertIntermediate(config)).dense();
        this.output = child("output", new BertResidualOutput(config, config.intermediateSize()));
    }

    /** (B, S, d) → (B, S, d). */
    public NDArray forward(NDArray x, NDArray mask, boolean training) {
        NDArray h = attention.forward(x, mask, training);
        NDArray inner = Activations.apply(activation, intermediate.forward(h)); // (B, S, f)
        return output.forward(inner, h, training);
    }

    /** {@code intermediate.dense}: a holder so the checkpoint key keeps its {@code dense} level. */
    static final class BertIntermediate extends Module {
        private final Dense dense;

        BertIntermediate(BertConfig config) {
            this.dense = child("dense",
                    new Dense(config.hiddenSize(), config.intermediateSize(), true, config.initializerRange()));
        }

        Dense dense() {
            return dense;
        }
    }
}
