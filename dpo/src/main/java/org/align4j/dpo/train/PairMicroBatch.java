package org.align4j.dpo.train;

import org.align4j.core.train.MicroBatch;
import org.align4j.datasets.collate.PairBatch;

/**
 * A micro-batch of preference pairs: the loss is a mean over pairs, so each pair weighs 1.
 *
 * @param batch chosen and rejected rows, right-padded to one length
 * @param indices the pairs' indices in the training set, in row order
 */
public record PairMicroBatch(PairBatch batch, int[] indices) implements MicroBatch {
    @Override
    public double weight() {
        return indices.length;
    }

    @Override
    public long tokens() {
        int[] a = batch.chosen().attentionMask();
        int[] b = batch.rejected().attentionMask();
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] + b[i];
        }
        return n;
    }
}
