package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/** {@code torch.nn.Linear}: {@code y = x Wᵀ + b} with {@code weight} stored as (out, in). */
public final class Dense extends LinearLayer {
    private final Parameter weight;
    private final Parameter bias;

    public Dense(long in, long out, boolean bias, double initStd) {
        super(in, out);
        this.weight = param("weight", new Shape(out, in), ParameterInit.normal(initStd));
        this.bias = bias ? param("bias", new Shape(out), ParameterInit.zeros()) : null;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray w = weight.getArray();
        NDArray y = bias == null ? Linear.linear(x, w).head() : Linear.linear(x, w, bias.getArray()).head();
        return adapted(x, y);
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public Parameter weight() {
        return weight;
    }

    public boolean hasBias() {
        return bias != null;
    }
}
