package org.align4j.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.align4j.core.train.MicroBatch;
import org.align4j.datasets.collate.Batch;

/** A right-padded SFT micro-batch; its weight is the number of response tokens the loss counts. */
record SftBatch(Batch batch) implements MicroBatch {
    @Override
    public double weight() {
        return SftLoss.trainedTargets(batch.lossMask(), batch.batchSize(), batch.seqLen());
    }

    @Override
    public long tokens() {
        long n = 0;
        for (int v : batch.attentionMask()) {
            n += v;
        }
        return n;
    }

    Shape shape() {
        return new Shape(batch.batchSize(), batch.seqLen());
    }

    /** (B, T) int64 token ids on {@code m}. */
    NDArray ids(NDManager m) {
        long[] ids = new long[batch.inputIds().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.inputIds()[i];
        }
        return m.create(ids, shape());
    }

    /** (B, T) float32 loss mask on {@code m}. */
    NDArray lossMask(NDManager m) {
        float[] mask = new float[batch.lossMask().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = batch.lossMask()[i];
        }
        return m.create(mask, shape());
    }
}
