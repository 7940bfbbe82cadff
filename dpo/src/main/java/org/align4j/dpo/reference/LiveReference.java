package org.align4j.dpo.reference;

import ai.djl.ndarray.NDManager;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.PairBatch;
import org.align4j.dpo.train.PairLogProbs;
import org.align4j.dpo.train.PairScorer;

/**
 * A frozen copy of the starting policy, run without gradients (and without dropout) on every batch.
 * Costs a second model in memory; {@link PrecomputedReference} avoids that.
 */
public final class LiveReference implements ReferenceLogProbs {
    private final PretrainedModel model;
    private final CausalLanguageModel lm;

    /** Takes ownership of {@code model}: its parameters are frozen and it is closed with this reference. */
    public LiveReference(PretrainedModel model) {
        this.model = model;
        this.lm = model.causalLm();
        model.module().setTrainable(false);
    }

    @Override
    public ReferenceSums sums(NDManager step, DataSplit split, int[] indices, PairBatch batch) {
        try (NoGrad ignored = NoGrad.enter()) {
            PairLogProbs lp = PairScorer.score(lm, step, batch, false);
            return new ReferenceSums(lp.chosen(), lp.rejected());
        }
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        return model.module().namedParameters().values();
    }
}
