package org.align4j.core.train;

/**
 * A loss or gradient became NaN or infinite: training stops at that step without saving, so the last
 * checkpoint on disk stays the last good one.
 */
public final class NonFiniteTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public NonFiniteTrainingException(long step, String what) {
        super("step " + step + ": " + what + " is not finite (NaN or Inf); training stopped without saving this step. "
                + "Lower train.lr, keep train.max_grad_norm > 0, or check the data, then resume from the last "
                + "checkpoint with --resume");
        this.step = step;
    }

    /** The optimizer step (1-based) at which the value was found. */
    public long step() {
        return step;
    }
}
