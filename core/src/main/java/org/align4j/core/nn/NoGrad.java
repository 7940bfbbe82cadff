package org.align4j.core.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which the PyTorch engine records no autograd graph (frozen models, generation, scoring).
 * Grad mode is per thread; the previous mode is restored on close.
 *
 * <pre>{@code try (NoGrad ignored = NoGrad.enter()) { ... } }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad(boolean previous) {
        this.previous = previous;
    }

    public static NoGrad enter() {
        boolean prev = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return new NoGrad(prev);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
