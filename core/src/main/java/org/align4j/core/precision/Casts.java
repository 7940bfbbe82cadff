package org.align4j.core.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Data-type conversions that autograd follows. DJL's {@code NDArray.toType} is not one: the PyTorch JNI runs
 * {@code torchTo} under a {@code NoGradGuard}, so a cast result has no gradient path to its input (a loss
 * computed from cast fp16 logits "does not require grad"). These use ops that take a result type instead.
 */
public final class Casts {
    private Casts() {}

    /**
     * {@code x} as {@code type}, with the gradient flowing back (converted to x's type). Implemented as a
     * cumulative product over a new axis of length 1 — the identity — computed in {@code type}.
     */
    public static NDArray differentiable(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x;
        }
        NDArray column = x.expandDims(-1); // (..., 1)
        NDArray cast = JniUtils.cumProd((PtNDArray) column, -1, type); // (..., 1) in type
        return cast.squeeze(-1); // (...)
    }

    /** {@code log_softmax(x, axis)} computed and returned in float32 whatever x's type, differentiable. */
    public static NDArray logSoftmaxFloat32(NDArray x, int axis) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x.logSoftmax(axis);
        }
        return JniUtils.logSoftmax((PtNDArray) x, axis, DataType.FLOAT32);
    }
}
