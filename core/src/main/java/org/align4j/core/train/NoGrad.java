package org.align4j.core.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which autograd records nothing ({@code torch.no_grad()}): evaluation and generation inside
 * a training run keep no graph. Grad mode is per thread; the previous mode returns on close.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** Enters the scope; use with try-with-resources. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
