package org.align4j.dpo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.align4j.core.logprob.ResponseLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.datasets.collate.PairBatch;

/**
 * Summed response log-probs of a batch of pairs, {@code Σ_t log π(y_t | x, y_<t)} over the answer
 * tokens only (prompt and padding masked), and the number of answer tokens.
 *
 * @param chosen (B) summed log-probs of the chosen answers
 * @param rejected (B) summed log-probs of the rejected answers
 * @param chosenTokens (B) answer tokens of each chosen answer (float)
 * @param rejectedTokens (B) answer tokens of each rejected answer (float)
 */
public record PairLogProbs(NDArray chosen, NDArray rejected, NDArray chosenTokens, NDArray rejectedTokens) {

    /**
     * Scores a pair batch in one forward pass over its stacked rows (chosen, then rejected), both sides
     * right-padded; every array is created on {@code step}.
     *
     * @param training whether dropout is active (the policy in training); a frozen reference passes false
     */
    public static PairLogProbs of(CausalLanguageModel model, NDManager step, PairBatch pairs, boolean training) {
        ResponseLogProbs all = ResponseLogProbs.of(model, step, pairs.stacked(), training); // 2B rows
        int half = pairs.stacked().batchSize() / 2;
        ResponseLogProbs c = all.rows(0, half);
        ResponseLogProbs r = all.rows(half, 2 * half);
        return new PairLogProbs(c.sums(), r.sums(), c.tokens(), r.tokens());
    }

    /** (B) length-averaged log-probs of the chosen answers (SimPO, ORPO, the SFT term). */
    public NDArray chosenAverage() {
        return chosen.div(chosenTokens);
    }

    /** (B) length-averaged log-probs of the rejected answers. */
    public NDArray rejectedAverage() {
        return rejected.div(rejectedTokens);
    }
}
