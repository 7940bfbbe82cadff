package org.align4j.core.model.llama;

import ai.djl.ndarray.NDArray;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.nn.Activations;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/** The SwiGLU feed-forward block (Shazeer 2020): {@code down(silu(gate(x)) · up(x))}. */
public final class LlamaMlp extends Module {
    private final Dense gateProj;
    private final Dense upProj;
    private final Dense downProj;

    public LlamaMlp(LlamaConfig config) {
        int d = config.hiddenSize();
        int f = config.intermediateSize();
        double std = config.initializerRange();
        this.gateProj = child("gate_proj", new Dense(d, f, config.mlpBias(), std));
        this.upProj = child("up_proj", new Dense(d, f, config.mlpBias(), std));
        this.downProj = child("down_proj", new Dense(f, d, config.mlpBias(), std));
    }

    /** (B, T, d) → (B, T, d). */
    public NDArray forward(NDArray x) {
        NDArray gate = Activations.apply("silu", gateProj.forward(x)); // (B, T, f)
        return downProj.forward(gate.mul(upProj.forward(x)));
    }
}
