package org.align4j.dpo.reference;

import ai.djl.ndarray.NDManager;
import java.util.EnumMap;
import java.util.Map;
import org.align4j.datasets.collate.PairBatch;

/**
 * Reference log-probs computed once before training (see {@link ReferenceCache}) and looked up by
 * pair index: no reference model is in memory while training.
 */
public final class PrecomputedReference implements ReferenceLogProbs {
    private final Map<DataSplit, float[][]> values = new EnumMap<>(DataSplit.class);

    /**
     * @param train {chosen, rejected} per training pair
     * @param eval {chosen, rejected} per held-out pair (empty arrays when there is none)
     */
    public PrecomputedReference(float[][] train, float[][] eval) {
        values.put(DataSplit.TRAIN, check(train, "train"));
        values.put(DataSplit.EVAL, check(eval, "eval"));
    }

    private static float[][] check(float[][] v, String name) {
        if (v.length != 2 || v[0].length != v[1].length) {
            throw new IllegalArgumentException(name + " reference log-probs must be {chosen, rejected} of equal length");
        }
        return v;
    }

    /** The number of pairs of {@code split}. */
    public int size(DataSplit split) {
        return values.get(split)[0].length;
    }

    /** {chosen, rejected} of {@code split} (not copied: do not change). */
    public float[][] values(DataSplit split) {
        return values.get(split);
    }

    @Override
    public ReferenceSums sums(NDManager step, DataSplit split, int[] indices, PairBatch batch) {
        float[][] v = values.get(split);
        float[] chosen = new float[indices.length];
        float[] rejected = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= v[0].length) {
                throw new IndexOutOfBoundsException(split + " pair " + indices[i] + " has no cached reference log-prob ("
                        + v[0].length + " cached)");
            }
            chosen[i] = v[0][indices[i]];
            rejected[i] = v[1][indices[i]];
        }
        return new ReferenceSums(step.create(chosen), step.create(rejected));
    }

    @Override
    public void close() {
        // nothing native is held between batches
    }
}
