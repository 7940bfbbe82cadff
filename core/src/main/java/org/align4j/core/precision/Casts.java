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
     * cumulative product over a new axis of length 1 — the identity — computed in {@code type}: slow on a GPU for
     * large tensors (a scan per row); for widening to float32 use {@link #widen}.
     */
    public static NDArray differentiable(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x;
        }
        NDArray column = x.expandDims(-1); // (..., 1)
        NDArray cast = JniUtils.cumProd((PtNDArray) column, -1, type); // (..., 1) in type
        return cast.squeeze(-1); // (...)
    }

    /**
     * {@code x} widened to float32, differentiable, by type promotion: x times a float32 one of shape (1) is a
     * float32 tensor (one elementwise kernel; a cumulative product over millions of rows of length 1, as
     * {@link #differentiable} does, measured about 20 ms per call on an H200).
     */
    public static NDArray widen(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x;
        }
        return x.mul(x.getManager().ones(new ai.djl.ndarray.types.Shape(1))); // (...) float32
    }

    /** {@code log_softmax(x, axis)} computed and returned in float32 whatever x's type, differentiable. */
    public static NDArray logSoftmaxFloat32(NDArray x, int axis) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x.logSoftmax(axis);
        }
        return JniUtils.logSoftmax((PtNDArray) x, axis, DataType.FLOAT32);
    }
}
