package org.align4j.core.logprob;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.datasets.collate.Batch;

/**
 * Log-probs of a right-padded batch under a causal LM, in one forward pass: every token's, and the sums over
 * the loss-masked (response) tokens with their counts. The one scoring of sequences that DPO (policy and
 * reference), held-out evaluation and {@code align score} share. Right padding only ever follows real tokens,
 * so the causal mask alone is exact.
 *
 * @param perToken (B, T-1) {@code log p(ids[t+1] | ids[..t])} for every position, padding included
 * @param targetMask (B, T-1) 1 where the predicted token {@code ids[t+1]} is a response token, else 0
 * @param sums (B) summed response-token log-probs, {@code Σ_t log π(y_t | x, y_<t)}
 * @param tokens (B) response tokens of each row (float)
 */
public record ResponseLogProbs(NDArray perToken, NDArray targetMask, NDArray sums, NDArray tokens) {

    /**
     * Scores {@code batch}; every array is created on {@code step}.
     *
     * @param training whether dropout is active (a policy in training); frozen scoring passes false
     */
    public static ResponseLogProbs of(CausalLanguageModel model, NDManager step, Batch batch, boolean training) {
        if (batch.padding() != Batch.Padding.RIGHT) {
            throw new IllegalArgumentException("response log-probs need a right-padded batch, got "
                    + batch.padding() + " padding");
        }
        int n = batch.batchSize();
        int t = batch.seqLen();
        if (t < 2) {
            throw new IllegalArgumentException("sequences of one token cannot be scored: a response token needs at"
                    + " least one token before it");
        }
        long[] ids = new long[n * t];
        float[] targets = new float[n * (t - 1)];
        float[] counts = new float[n];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < t; j++) {
                ids[b * t + j] = batch.inputIds()[b * t + j];
            }
            for (int j = 1; j < t; j++) {
                int m = batch.lossMask()[b * t + j];
                targets[b * (t - 1) + j - 1] = m; // position j-1 predicts token j
                counts[b] += m;
            }
        }
        NDArray input = step.create(ids, new Shape(n, t)); // (B, T)
        NDArray perToken = TokenLogProbs.perToken(model, input, null, training); // (B, T-1)
        NDArray mask = step.create(targets, new Shape(n, t - 1)); // (B, T-1)
        NDList masked = TokenLogProbs.masked(perToken, mask);
        return new ResponseLogProbs(perToken, mask, masked.get(1), step.create(counts));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive): a pair batch's chosen or rejected half. */
    public ResponseLogProbs rows(int from, int to) {
        NDIndex r = new NDIndex("{}:{}", from, to);
        return new ResponseLogProbs(perToken.get(r), targetMask.get(r), sums.get(r), tokens.get(r));
    }
}
