package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Keys and values of the positions a decoder has already seen, per layer, so that generation feeds
 * one new token a step instead of the whole sequence.
 */
public interface KvCache extends AutoCloseable {
    /** The number of positions cached (the offset of the next token). */
    int length();

    /**
     * Appends this step's keys and values (B, n_kv, T, hs) for {@code layer} and returns the keys and
     * values of all positions, (B, n_kv, length + T, hs). The returned arrays belong to the cache: do not
     * close them, and attach what is derived from them (views, transposes) to the step's manager, since
     * an op's result lands on the manager of its first operand.
     */
    NDList update(int layer, NDArray keys, NDArray values);

    /** Marks {@code steps} new positions as cached, once every layer has been updated. */
    void advance(int steps);

    /**
     * Keeps only the batch rows {@code rows} (int64 indices into the current batch, in the order given),
     * e.g. when finished sequences leave a generation batch.
     */
    void select(NDArray rows);

    @Override
    void close();
}
