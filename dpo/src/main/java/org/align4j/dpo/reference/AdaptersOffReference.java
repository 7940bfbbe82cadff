package org.align4j.dpo.reference;

import ai.djl.ndarray.NDManager;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.PairBatch;
import org.align4j.dpo.train.PairLogProbs;
import org.align4j.dpo.train.PairScorer;

/**
 * With LoRA the frozen base model is the reference: the policy runs once more with its adapters
 * switched off, without gradients. No second copy of the weights is held.
 */
public final class AdaptersOffReference implements ReferenceLogProbs {
    private final CausalLanguageModel model;
    private final LoraModel lora;

    public AdaptersOffReference(CausalLanguageModel model, LoraModel lora) {
        this.model = model;
        this.lora = lora;
    }

    @Override
    public ReferenceSums sums(NDManager step, DataSplit split, int[] indices, PairBatch batch) {
        boolean was = lora.enabled();
        lora.setEnabled(false);
        try (NoGrad ignored = NoGrad.enter()) {
            PairLogProbs lp = PairScorer.score(model, step, batch, false);
            return new ReferenceSums(lp.chosen(), lp.rejected());
        } finally {
            lora.setEnabled(was);
        }
    }

    @Override
    public void close() {
        // the adapters belong to the trainer
    }
}
