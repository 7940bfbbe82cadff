package org.align4j.dpo.loss;

import ai.djl.ndarray.NDArray;

/**
 * The per-pair losses of a preference method with the implicit rewards it logs.
 *
 * @param losses (B) per-pair loss; the training loss is their mean
 * @param chosenRewards (B) {@code β(log πθ(y_w|x) − log πref(y_w|x))} (or the method's analogue)
 * @param rejectedRewards (B) the same for the rejected answer
 */
public record PreferenceLoss(NDArray losses, NDArray chosenRewards, NDArray rejectedRewards) {
    public NDArray mean() {
        return losses.mean();
    }

    /** (B) {@code chosenRewards − rejectedRewards}. */
    public NDArray margins() {
        return chosenRewards.sub(rejectedRewards);
    }

    /** The share of pairs whose chosen reward is higher: TRL's {@code rewards/accuracies}. */
    public float accuracy() {
        return margins().gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat();
    }
}
