package org.align4j.dpo.eval;

import ai.djl.ndarray.NDManager;
import java.util.stream.IntStream;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.datasets.collate.Collator;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.datasets.collate.PairBatch;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.train.PairLogProbs;

/**
 * Summed response log-probs and answer lengths of every pair under one policy, without gradients:
 * what held-out evaluation compares between policies.
 *
 * @param chosen summed log-prob of each chosen answer
 * @param rejected summed log-prob of each rejected answer
 * @param chosenTokens answer tokens of each chosen answer
 * @param rejectedTokens answer tokens of each rejected answer
 */
public record PairScores(float[] chosen, float[] rejected, float[] chosenTokens, float[] rejectedTokens) {

    /** Scores {@code pairs} with {@code policy} in batches of {@code batchSize}. */
    public static PairScores of(ModelBundle policy, EncodedPairs pairs, int batchSize) {
        return of(policy.lm(), policy.collator(), pairs, batchSize);
    }

    /** Scores {@code pairs} with {@code model} (padded by {@code collator}) in batches of {@code batchSize}. */
    public static PairScores of(CausalLanguageModel model, Collator collator, EncodedPairs pairs, int batchSize) {
        int n = pairs.size();
        float[][] out = new float[4][n];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < n; from += batchSize) {
                int[] idx = IntStream.range(from, Math.min(n, from + batchSize)).toArray();
                try (NDManager step = NDManager.newBaseManager()) {
                    PairBatch batch = collator.pairs(pairs.select(idx), idx);
                    PairLogProbs lp = PairLogProbs.of(model, step, batch, false);
                    System.arraycopy(lp.chosen().toFloatArray(), 0, out[0], from, idx.length);
                    System.arraycopy(lp.rejected().toFloatArray(), 0, out[1], from, idx.length);
                    System.arraycopy(lp.chosenTokens().toFloatArray(), 0, out[2], from, idx.length);
                    System.arraycopy(lp.rejectedTokens().toFloatArray(), 0, out[3], from, idx.length);
                }
            }
        }
        return new PairScores(out[0], out[1], out[2], out[3]);
    }

    public int size() {
        return chosen.length;
    }

    /**
     * The share of pairs whose chosen answer has the higher mean token log-prob under this policy
     * (the reference-free likelihood margin of {@link ImplicitReward} at β = 1); ties count half.
     */
    public double likelihoodAccuracy() {
        return ImplicitReward.accuracy(ImplicitReward.lengthNormalisedMargins(1, chosen, rejected, chosenTokens,
                rejectedTokens));
    }
}
