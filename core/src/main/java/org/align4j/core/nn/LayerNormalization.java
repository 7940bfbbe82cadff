package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;

/** {@code torch.nn.LayerNorm} over the last axis, with {@code weight} and {@code bias}. */
public final class LayerNormalization extends Module {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape normalized;
    private final float eps;

    public LayerNormalization(long dim, double eps) {
        this.normalized = new Shape(dim);
        this.eps = (float) eps;
        this.weight = param("weight", normalized, ParameterInit.ones());
        this.bias = param("bias", normalized, ParameterInit.zeros());
    }

    /** (..., dim) → (..., dim). */
    public NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, normalized, weight.getArray(), bias.getArray(), eps).head();
    }
}
