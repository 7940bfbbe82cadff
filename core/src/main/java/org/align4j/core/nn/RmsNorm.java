package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Root-mean-square normalisation (Zhang &amp; Sennrich 2019) as in {@code LlamaRMSNorm}:
 * {@code weight · x / sqrt(mean(x²) + eps)}, computed in float32.
 */
public final class RmsNorm extends Module {
    private final Parameter weight;
    private final float eps;

    public RmsNorm(long dim, double eps) {
        this.eps = (float) eps;
        this.weight = param("weight", new Shape(dim), ParameterInit.ones());
    }

    /** (..., dim) → (..., dim). */
    public NDArray forward(NDArray x) {
        NDArray variance = x.square().mean(new int[] {-1}, true); // (..., 1)
        return x.div(variance.addi(eps).sqrt()).mul(weight.getArray());
    }
}
