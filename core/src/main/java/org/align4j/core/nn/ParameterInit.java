package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** How a fresh parameter is filled, following the Hugging Face {@code _init_weights} conventions. */
@FunctionalInterface
public interface ParameterInit {
    NDArray create(NDManager manager, Shape shape);

    /** Normal(0, std): linear and embedding weights ({@code initializer_range}, 0.02 by default). */
    static ParameterInit normal(double std) {
        return (m, s) -> m.randomNormal(0f, (float) std, s, DataType.FLOAT32);
    }

    /** Zeros: biases. */
    static ParameterInit zeros() {
        return (m, s) -> m.zeros(s, DataType.FLOAT32);
    }

    /** Ones: normalisation gains. */
    static ParameterInit ones() {
        return (m, s) -> m.ones(s, DataType.FLOAT32);
    }
}
