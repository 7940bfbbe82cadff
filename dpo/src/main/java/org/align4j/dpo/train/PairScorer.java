package org.align4j.dpo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.datasets.collate.Batch;
import org.align4j.datasets.collate.PairBatch;

/**
 * Response log-probs of preference pairs under a causal LM, in one forward pass over the stacked
 * batch (chosen rows, then rejected rows). Both sides are right-padded, so the causal mask alone is
 * exact and padding only ever follows real tokens.
 */
public final class PairScorer {
    private PairScorer() {}

    /**
     * @param step the manager every array of the call is created on
     * @param training whether dropout is active (the policy in training); a frozen reference passes false
     */
    public static PairLogProbs score(CausalLanguageModel model, NDManager step, PairBatch pairs, boolean training) {
        Batch s = pairs.stacked();
        int n = s.batchSize();
        int t = s.seqLen();
        if (t < 2) {
            throw new IllegalArgumentException("pairs of one token cannot be scored: a sequence needs a prompt token"
                    + " before its answer");
        }
        long[] ids = new long[n * t];
        float[] targets = new float[n * (t - 1)];
        float[] counts = new float[n];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < t; j++) {
                ids[b * t + j] = s.inputIds()[b * t + j];
            }
            for (int j = 1; j < t; j++) {
                int m = s.lossMask()[b * t + j];
                targets[b * (t - 1) + j - 1] = m; // position j-1 predicts token j
                counts[b] += m;
            }
        }
        NDArray input = step.create(ids, new Shape(n, t)); // (2B, T)
        NDArray perToken = TokenLogProbs.perToken(model, input, null, training); // (2B, T-1)
        NDArray mask = step.create(targets, new Shape(n, t - 1)); // (2B, T-1)
        NDArray sums = TokenLogProbs.masked(perToken, mask).get(1); // (2B)
        NDArray tokens = step.create(counts); // (2B)
        int half = n / 2;
        NDIndex first = new NDIndex("0:{}", half);
        NDIndex second = new NDIndex("{}:", half);
        return new PairLogProbs(sums.get(first), sums.get(second), tokens.get(first), tokens.get(second));
    }
}
