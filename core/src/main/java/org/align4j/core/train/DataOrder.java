package org.align4j.core.train;

import java.util.Arrays;
import java.util.Random;
import org.align4j.datasets.split.Shuffle;

/**
 * The order in which training examples are visited: epoch after epoch, each a fresh permutation
 * drawn from {@code seed} and the epoch number alone, cut into micro-batches of {@code batchSize}
 * (the last one of an epoch may be smaller). Micro-batch {@code i} of the run is a pure function
 * of {@code i}, so a resumed run needs to know only how many micro-batches it consumed.
 */
public final class DataOrder {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    public DataOrder(int size, int batchSize, long seed, boolean shuffle) {
        if (size < 1) {
            throw new IllegalArgumentException("the training data is empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size: must be at least 1, got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** Micro-batches per epoch: {@code ceil(size / batchSize)}. */
    public int batchesPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The epoch (0-based) that micro-batch {@code index} belongs to. */
    public int epochOf(long index) {
        return Math.toIntExact(index / batchesPerEpoch());
    }

    /** The example indices of micro-batch {@code index} (0-based over the whole run). */
    public int[] batch(long index) {
        int epoch = epochOf(index);
        int within = (int) (index % batchesPerEpoch());
        int[] perm = permutation(epoch);
        int from = within * batchSize;
        return Arrays.copyOfRange(perm, from, Math.min(size, from + batchSize));
    }

    /** The visiting order of epoch {@code epoch}: a Fisher–Yates shuffle seeded by (seed, epoch). */
    public synchronized int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            // java.util.Random's algorithm is fixed by its specification: the same order on every JVM.
            cachedPermutation = shuffle ? Shuffle.permutation(size, new Random(seed * 0x9E3779B97F4A7C15L + epoch))
                    : java.util.stream.IntStream.range(0, size).toArray();
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }
}
