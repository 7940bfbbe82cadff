package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * A linear layer ({@link Dense}, or GPT-2's {@link Conv1D}) from {@link #inFeatures} to {@link #outFeatures}
 * features, whatever the layout of its weight, whose output an {@link OutputAdapter} such as a LoRA update may
 * extend: the one place that decides how an adapter joins a layer's forward pass.
 */
public abstract class LinearLayer extends Module {
    private final long in;
    private final long out;
    private OutputAdapter adapter;

    protected LinearLayer(long in, long out) {
        this.in = in;
        this.out = out;
    }

    /** (..., in) → (..., out), plus the adapter's contribution when one is set. */
    public abstract NDArray forward(NDArray x);

    /** The weight, in the layout of the checkpoint: (out, in) for {@link Dense}, (in, out) for {@link Conv1D}. */
    public abstract Parameter weight();

    /** The size of an input vector. */
    public final long inFeatures() {
        return in;
    }

    /** The size of an output vector. */
    public final long outFeatures() {
        return out;
    }

    /** Sets (or with null removes) the adapter added to this layer's output, e.g. a LoRA update. */
    public final void setAdapter(OutputAdapter adapter) {
        this.adapter = adapter;
    }

    /** The adapter, or {@code null} when the layer is used as it is. */
    public final OutputAdapter adapter() {
        return adapter;
    }

    /** The layer's own output {@code y} for input {@code x}, plus the adapter's contribution when one is set. */
    protected final NDArray adapted(NDArray x, NDArray y) {
        return adapter == null ? y : adapter.adapt(x, y);
    }
}
