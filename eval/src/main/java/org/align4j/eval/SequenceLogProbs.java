package org.align4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.stream.IntStream;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.Batch;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.dpo.train.PolicyModel;

/**
 * Summed log-probs of the loss-masked (answer) tokens of sequences under a causal LM, without gradients,
 * in right-padded batches (padding only follows real tokens, so the causal mask alone is exact).
 *
 * @param sums the summed answer-token log-prob of each sequence
 * @param tokens the answer tokens of each sequence
 */
record SequenceLogProbs(double[] sums, int[] tokens) {

    static SequenceLogProbs of(PolicyModel policy, List<TokenizedSequence> seqs, int batchSize) {
        double[] sums = new double[seqs.size()];
        int[] tokens = new int[seqs.size()];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < seqs.size(); from += batchSize) {
                int[] idx = IntStream.range(from, Math.min(seqs.size(), from + batchSize)).toArray();
                Batch b = policy.collator().rightPadded(seqs.subList(from, from + idx.length), idx);
                try (NDManager step = NDManager.newBaseManager()) {
                    float[] s = batchSums(policy, step, b);
                    for (int i = 0; i < idx.length; i++) {
                        sums[from + i] = s[i];
                        tokens[from + i] = seqs.get(from + i).trainedTokens();
                    }
                }
            }
        }
        return new SequenceLogProbs(sums, tokens);
    }

    private static float[] batchSums(PolicyModel policy, NDManager step, Batch b) {
        int n = b.batchSize();
        int t = b.seqLen();
        long[] ids = new long[n * t];
        float[] targets = new float[n * (t - 1)];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < t; j++) {
                ids[r * t + j] = b.inputIds()[r * t + j];
                if (j > 0) {
                    targets[r * (t - 1) + j - 1] = b.lossMask()[r * t + j]; // position j-1 predicts token j
                }
            }
        }
        NDArray input = step.create(ids, new Shape(n, t)); // (B, T)
        NDArray perToken = TokenLogProbs.perToken(policy.lm(), input, null, false); // (B, T-1)
        NDList masked = TokenLogProbs.masked(perToken, step.create(targets, new Shape(n, t - 1)));
        return masked.get(1).toFloatArray(); // (B) summed over answer tokens
    }

    /** The total of the sums. */
    double total() {
        double s = 0;
        for (double v : sums) {
            s += v;
        }
        return s;
    }

    /** The total of the token counts. */
    long totalTokens() {
        long s = 0;
        for (int v : tokens) {
            s += v;
        }
        return s;
    }
}
