package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;

/** Numerically stable {@code log σ(x) = min(x, 0) − log(1 + e^{−|x|})}. */
public final class LogSigmoid {
    // Shared by the DPO, reward-model and PPO losses.
    private LogSigmoid() {}

    public static NDArray of(NDArray x) {
        return Scalars.minimum(x, 0).sub(x.abs().neg().exp().add(1).log());
    }
}
