package org.align4j.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Hand-computed loss tests' inputs: 1-D float arrays on a manager of the test's own, closed after each test
 * ({@code @AutoClose private final Vectors nd = new Vectors();}).
 */
public final class Vectors implements AutoCloseable {
    private final NDManager manager = NDManager.newBaseManager();

    /** The 1-D array of {@code x}, one entry a row: e.g. the summed log-probs of a batch of answers. */
    public NDArray v(float... x) {
        return manager.create(x);
    }

    @Override
    public void close() {
        manager.close();
    }
}
