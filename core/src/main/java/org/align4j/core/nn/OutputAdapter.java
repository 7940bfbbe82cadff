package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Something added to a linear layer's output, such as a LoRA update ({@code y + s·B A x}). A layer
 * with an adapter returns {@code adapt(x, layer(x))}; the adapter's parameters are not the layer's
 * and are not saved with the model.
 */
@FunctionalInterface
public interface OutputAdapter {
    /**
     * @param input the layer's input (..., in)
     * @param output the layer's own output (..., out)
     * @return the adapted output (..., out)
     */
    NDArray adapt(NDArray input, NDArray output);
}
