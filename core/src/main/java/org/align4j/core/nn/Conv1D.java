package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * GPT-2's {@code Conv1D}: a linear layer whose {@code weight} is stored as (in, out), the layout of
 * the checkpoint, so that no transpose is needed when loading or saving.
 */
public final class Conv1D extends Module {
    private final Parameter weight;
    private final Parameter bias;
    private OutputAdapter adapter;

    public Conv1D(long in, long out, double initStd) {
        this.weight = param("weight", new Shape(in, out), ParameterInit.normal(initStd));
        this.bias = param("bias", new Shape(out), ParameterInit.zeros());
    }

    /** (..., in) → (..., out), plus the adapter's contribution when one is set. */
    public NDArray forward(NDArray x) {
        NDArray y = x.matMul(weight.getArray()).addi(bias.getArray());
        return adapter == null ? y : adapter.adapt(x, y);
    }

    /** Sets (or with null removes) the adapter added to this layer's output, e.g. a LoRA update. */
    public void setAdapter(OutputAdapter adapter) {
        this.adapter = adapter;
    }

    public OutputAdapter adapter() {
        return adapter;
    }

    /** The weight, stored as (in, out). */
    public Parameter weight() {
        return weight;
    }
}
