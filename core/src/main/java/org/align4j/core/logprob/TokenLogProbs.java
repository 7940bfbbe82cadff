package org.align4j.core.logprob;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.align4j.core.model.CausalLanguageModel;

/**
 * Log-probabilities of the tokens a causal LM was given: the piece SFT, DPO and PPO share.
 * Position t of the result is {@code log p(ids[t+1] | ids[..t])}; a mask selects the response tokens.
 */
public final class TokenLogProbs {
    private TokenLogProbs() {}

    /**
     * @param logits (B, T, V) next-token logits
     * @param targets (B, T) int64 token ids, aligned with the logits (already shifted)
     * @return (B, T) {@code log softmax(logits)[b, t, targets[b, t]]}
     */
    public static NDArray gather(NDArray logits, NDArray targets) {
        NDArray logp = logits.logSoftmax(-1); // (B, T, V)
        return logp.gather(targets.expandDims(2), 2).squeeze(2); // (B, T)
    }

    /**
     * Per-token log-probs of a batch under {@code model}.
     *
     * @param inputIds (B, T) int64, prompt and response, padded
     * @param attentionMask (B, T) 1 = real token; may be null when padding is only on the right
     * @return (B, T-1) where [b, t] = log p(inputIds[b, t+1] | inputIds[b, ..t])
     */
    public static NDArray perToken(CausalLanguageModel model, NDArray inputIds, NDArray attentionMask,
            boolean training) {
        NDArray positions = attentionMask == null ? null : positionsFromMask(attentionMask);
        NDArray logits = model.forward(inputIds, attentionMask, positions, null, training); // (B, T, V)
        long t = inputIds.getShape().get(1);
        NDArray shifted = logits.get(new NDIndex(":, :{}, :", t - 1)); // (B, T-1, V)
        NDArray targets = inputIds.get(new NDIndex(":, 1:")); // (B, T-1)
        return gather(shifted, targets);
    }

    /**
     * Sums per-token log-probs over the positions where {@code lossMask} is 1.
     *
     * @param perToken (B, T-1) from {@link #perToken}
     * @param targetMask (B, T-1) 1 where the predicted token (inputIds[t+1]) belongs to the response
     * @return the masked per-token values (B, T-1) and their sums (B)
     */
    public static NDList masked(NDArray perToken, NDArray targetMask) {
        NDArray m = targetMask.toType(DataType.FLOAT32, false);
        NDArray values = perToken.mul(m);
        return new NDList(values, values.sum(new int[] {1}));
    }

    /**
     * Position ids that skip left padding, as transformers' generate computes them:
     * {@code cumsum(mask) - 1}, with padding positions set to 1.
     */
    public static NDArray positionsFromMask(NDArray attentionMask) {
        NDArray m = attentionMask.toType(DataType.INT64, false);
        NDArray pos = m.cumSum(1).subi(1); // (B, T)
        return pos.maximum(0).mul(m).add(m.eq(0).toType(DataType.INT64, false)); // pads → 1
    }
}
