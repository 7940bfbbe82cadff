package org.align4j.dpo.train;

import ai.djl.ndarray.NDArray;

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

    /** (B) length-averaged log-probs of the chosen answers (SimPO, ORPO, the SFT term). */
    public NDArray chosenAverage() {
        return chosen.div(chosenTokens);
    }

    /** (B) length-averaged log-probs of the rejected answers. */
    public NDArray rejectedAverage() {
        return rejected.div(rejectedTokens);
    }
}
