package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.align4j.core.precision.Casts;

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

    /**
     * (..., dim) → (..., dim). An fp16 input's mean square is computed in float32 (x² overflows fp16 above 256)
     * and the resulting factor 1/rms (..., 1) rounded to fp16 before scaling x, so no full-size float32 copy is
     * kept for backward.
     */
    public NDArray forward(NDArray x) {
        DataType in = x.getDataType();
        if (in == DataType.FLOAT32) {
            NDArray variance = x.square().mean(new int[] {-1}, true); // (..., 1)
            return x.div(variance.addi(eps).sqrt()).mul(weight.getArray());
        }
        NDArray variance = Casts.widen(x).square().mean(new int[] {-1}, true); // (..., 1) float32
        NDArray inverse = Casts.differentiable(Scalars.pow(variance.addi(eps).sqrt(), -1), in); // (..., 1) in x's type
        return x.mul(inverse).mul(weight.getArray());
    }
}
