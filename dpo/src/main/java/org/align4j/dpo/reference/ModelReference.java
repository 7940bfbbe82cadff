package org.align4j.dpo.reference;

import ai.djl.ndarray.NDManager;
import org.align4j.core.bundle.FrozenReference;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.PairBatch;
import org.align4j.dpo.train.PairLogProbs;

/**
 * The reference run on every batch, without gradients or dropout: the policy bundle's frozen copy (a
 * second model in memory; {@link PrecomputedReference} avoids that) or, with LoRA, the policy itself with
 * its adapters switched off. The bundle owns the weights.
 */
public final class ModelReference implements ReferenceLogProbs {
    private final FrozenReference reference;

    public ModelReference(FrozenReference reference) {
        this.reference = reference;
    }

    @Override
    public ReferenceSums sums(NDManager step, DataSplit split, int[] indices, PairBatch batch) {
        try (NoGrad ignored = NoGrad.enter(); FrozenReference.Scope active = reference.activate()) {
            PairLogProbs lp = PairLogProbs.of(reference.model(), step, batch, false);
            return new ReferenceSums(lp.chosen(), lp.rejected());
        }
    }

    /** A frozen copy's weights (held in the training precision); none for the adapters-off view of the policy. */
    @Override
    public java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        return reference.ownsWeights() ? reference.model().namedParameters().values() : java.util.List.of();
    }

    @Override
    public void close() {
        // the weights belong to the policy's bundle
    }
}
