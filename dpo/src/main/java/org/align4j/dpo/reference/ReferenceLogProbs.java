package org.align4j.dpo.reference;

import ai.djl.ndarray.NDManager;
import org.align4j.datasets.collate.PairBatch;

/**
 * The source of the reference log-probs of the DPO losses: a frozen model run on each batch
 * ({@link ModelReference}) or values computed once before training ({@link PrecomputedReference}).
 */
public interface ReferenceLogProbs extends AutoCloseable {
    /**
     * The reference sums of a batch.
     *
     * @param step the manager the result is created on
     * @param split where the pairs come from
     * @param indices the pairs' indices in that split, in row order
     * @param batch the collated pairs (what a live model scores)
     */
    ReferenceSums sums(NDManager step, DataSplit split, int[] indices, PairBatch batch);

    /** The weights of a reference model run on each batch (held in the training precision), or none. */
    default java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        return java.util.List.of();
    }

    /** Frees the reference model, if any. */
    @Override
    void close();
}
