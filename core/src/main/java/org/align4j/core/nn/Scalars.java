package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a Java number that autograd can differentiate safely. Use these instead of
 * DJL's {@code NDArray.mul(Number)}, {@code muli}, {@code div}, {@code divi}, {@code pow}, {@code maximum} and
 * {@code minimum} with a number ({@code ScalarOpsGuardTest} in cli fails on any other call).
 *
 * <p>Why: DJL 0.35.1 turns the number into a 0-dim CPU tensor over a Java direct buffer ({@code from_blob})
 * and closes it as soon as the op returns. Autograd keeps that tensor for the backward pass (the gradient of
 * {@code x·c} is {@code c}), but nothing keeps the buffer: the next garbage collection frees it, malloc reuses
 * or overwrites those bytes, and backward multiplies by whatever lies there. Training then stopped with a NaN
 * gradient norm at a random step, more often the more the JVM had allocated (a CI run after the real-tokenizer
 * test failed about one time in five; with a thread calling {@code System.gc()} every millisecond, every
 * run failed). Here the number is copied into memory PyTorch owns, which the graph keeps alive by itself.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * {@code v} as a 0-dim array on {@code manager}, of the type DJL gives that number (float32 for a float,
     * float64 for a double, int32 for an int), in PyTorch's own memory.
     */
    public static NDArray of(NDManager manager, Number v) {
        try (NDArray javaBacked = manager.create(v)) {
            return javaBacked.duplicate(); // PyTorch's clone: owns its storage
        }
    }

    /** {@code op(x, v)} with v as a PyTorch-owned 0-dim array, closed afterwards (the graph keeps its own reference). */
    private static NDArray apply(NDArray x, Number v, BinaryOperator<NDArray> op) {
        try (NDArray s = of(x.getManager(), v)) {
            return op.apply(x, s);
        }
    }

    /** x · v */
    public static NDArray mul(NDArray x, Number v) {
        return apply(x, v, NDArray::mul);
    }

    /** x · v, in place */
    public static NDArray muli(NDArray x, Number v) {
        return apply(x, v, NDArray::muli);
    }

    /** x / v */
    public static NDArray div(NDArray x, Number v) {
        return apply(x, v, NDArray::div);
    }

    /** x / v, in place */
    public static NDArray divi(NDArray x, Number v) {
        return apply(x, v, NDArray::divi);
    }

    /** x ^ v */
    public static NDArray pow(NDArray x, Number v) {
        return apply(x, v, NDArray::pow);
    }

    /** max(x, v), element-wise */
    public static NDArray maximum(NDArray x, Number v) {
        return apply(x, v, NDArray::maximum);
    }

    /** min(x, v), element-wise */
    public static NDArray minimum(NDArray x, Number v) {
        return apply(x, v, NDArray::minimum);
    }
}
