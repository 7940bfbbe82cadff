package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Access to the gradient that autograd accumulated on a parameter array. Unlike
 * {@link NDArray#getGradient()}, a parameter that took no part in the loss has no gradient here
 * (null), as in PyTorch, instead of a fresh array of zeros allocated on the parameter's manager.
 */
public final class Gradients {
    private Gradients() {}

    /**
     * The gradient of {@code param}, or null when none was accumulated. The result is a new handle on
     * the gradient's storage, owned by {@code param}'s current manager: close it (or attach it to a
     * step manager) when done, and write to it to change the gradient in place.
     */
    public static NDArray of(NDArray param) {
        if (!param.hasGradient()) {
            return null;
        }
        if (param instanceof PtNDArray pt) {
            return JniUtils.getGradient(pt);
        }
        return param.getGradient();
    }

    /** Sets the accumulated gradient of {@code param} to zero in place (no-op when it has none). */
    public static void zero(NDArray param) {
        if (param instanceof PtNDArray pt) {
            if (pt.hasGradient()) {
                JniUtils.zeroGrad(pt); // zero_() on the gradient: also clears NaN/Inf, unlike g - g
            }
            return;
        }
        NDArray g = of(param);
        if (g != null) {
            try (g) {
                g.subi(g);
            }
        }
    }
}
