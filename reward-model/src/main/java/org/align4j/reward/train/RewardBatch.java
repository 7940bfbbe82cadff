package org.align4j.reward.train;

import org.align4j.core.train.MicroBatch;
import org.align4j.reward.PairEncoder;

/**
 * A collated micro-batch. Pairwise: the first {@code units} rows are the chosen answers and the next
 * {@code units} the rejected ones, so one forward pass scores both; {@code values} holds the pairs' margins.
 * Pointwise: one row per rating, {@code values} holds the targets.
 *
 * @param inputs the padded inputs
 * @param values margins (pairs) or targets (ratings), one per unit
 * @param units pairs or ratings: the loss normaliser
 */
record RewardBatch(PairEncoder.Batch inputs, float[] values, int units) implements MicroBatch {
    @Override
    public double weight() {
        return units;
    }

    @Override
    public long tokens() {
        return inputs.realTokens();
    }
}
