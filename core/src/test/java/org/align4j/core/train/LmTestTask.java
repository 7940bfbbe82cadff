package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.Scalars;

/** A plain language-modelling task over fixed-length sequences, for testing the loop. */
class LmTestTask extends WholeModelTask {
    record Batch(long[] ids, int rows, int len) implements MicroBatch {
        @Override
        public double weight() {
            return rows * (len - 1.0);
        }

        @Override
        public long tokens() {
            return (long) rows * len;
        }
    }

    final List<long[]> train;
    final List<long[]> eval;
    int lossCalls;
    /** When set, the loss of this call number (1-based) is NaN. */
    int nanAtCall = -1;

    LmTestTask(PretrainedModel model, List<long[]> train, List<long[]> eval) {
        super(model);
        this.train = train;
        this.eval = eval;
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public MicroBatch collate(int[] indices) {
        return collate(train, indices);
    }

    static Batch collate(List<long[]> data, int[] indices) {
        int len = data.get(0).length;
        long[] ids = new long[indices.length * len];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data.get(indices[i]), 0, ids, i * len, len);
        }
        return new Batch(ids, indices.length, len);
    }

    NDArray nll(NDManager m, Batch b, boolean train) {
        NDArray ids = m.create(b.ids(), new Shape(b.rows(), b.len()));
        return TokenLogProbs.perToken(model.causalLm(), ids, null, train).sum().neg();
    }

    @Override
    public LossOutput loss(NDManager step, MicroBatch batch) {
        lossCalls++;
        NDArray loss = nll(step, (Batch) batch, training());
        if (lossCalls == nanAtCall) {
            loss = Scalars.mul(loss, Float.NaN);
        }
        return new LossOutput(loss, Map.of("rows", (double) ((Batch) batch).rows()));
    }

    @Override
    public boolean hasEvaluation() {
        return !eval.isEmpty();
    }

    @Override
    public Map<String, Double> evaluate() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[] all = java.util.stream.IntStream.range(0, eval.size()).toArray();
            Batch b = collate(eval, all);
            double loss = nll(m, b, false).getFloat() / b.weight();
            return Map.of("eval_loss", loss);
        }
    }

    @Override
    public void saveFinal(Path dir) throws java.io.IOException {
        saveWeights(dir);
    }
}
