package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The result of a training forward pass on a micro-batch.
 *
 * @param lossSum scalar: the sum of the per-unit losses (per token, per pair) of the micro-batch, in
 *     the autograd graph; the loop divides it by the step's total {@link MicroBatch#weight()}
 * @param metricSums further metrics as sums over the same units (e.g. {@code accuracy}: correct
 *     pairs); the loop reports each divided by the total weight
 */
public record LossOutput(NDArray lossSum, Map<String, Double> metricSums) {
    public LossOutput(NDArray lossSum) {
        this(lossSum, Map.of());
    }
}
