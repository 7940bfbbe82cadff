package org.align4j.core.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.nn.Activations;
import org.align4j.core.nn.Conv1D;
import org.align4j.core.nn.Module;

/** GPT-2's feed-forward block: {@code c_proj(act(c_fc(x)))}. */
public final class Gpt2Mlp extends Module {
    private final Conv1D cFc;
    private final Conv1D cProj;
    private final Gpt2Config config;

    public Gpt2Mlp(Gpt2Config config) {
        this.config = config;
        this.cFc = child("c_fc", new Conv1D(config.nEmbd(), config.nInner(), config.initializerRange()));
        this.cProj = child("c_proj", new Conv1D(config.nInner(), config.nEmbd(),
                config.initializerRange() / Math.sqrt(2.0 * config.nLayer())));
    }

    /** (B, T, d) → (B, T, d). */
    public NDArray forward(NDArray x, boolean training) {
        NDArray out = cProj.forward(Activations.apply(config.activation(), cFc.forward(x)));
        return training && config.residPdrop() > 0
                ? Dropout.dropout(out, (float) config.residPdrop(), true).head()
                : out;
    }
}
