package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * GPT-2's {@code Conv1D}: a linear layer whose {@code weight} is stored as (in, out), the layout of
 * the checkpoint, so that no transpose is needed when loading or saving.
 */
public final class Conv1D extends LinearLayer {
    private final Parameter weight;
    private final Parameter bias;

    public Conv1D(long in, long out, double initStd) {
        super(in, out);
        this.weight = param("weight", new Shape(in, out), ParameterInit.normal(initStd));
        this.bias = param("bias", new Shape(out), ParameterInit.zeros());
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray y = x.matMul(weight.getArray()).addi(bias.getArray());
        return adapted(x, y);
    }

    /** The weight, stored as (in, out). */
    @Override
    public Parameter weight() {
        return weight;
    }
}
