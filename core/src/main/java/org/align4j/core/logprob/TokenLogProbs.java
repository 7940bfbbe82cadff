package org.align4j.core.logprob;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.Scalars;
import org.align4j.core.precision.Casts;

/**
 * Log-probabilities of the tokens a causal LM was given: the piece SFT, DPO and PPO share.
 * Position t of the result is {@code log p(ids[t+1] | ids[..t])}; a mask selects the response tokens.
 */
public final class TokenLogProbs {
    private TokenLogProbs() {}

    /**
     * Float32 elements one chunk of the log-softmax may hold (2²⁶: 256 MiB), e.g. 55 positions of a batch of 8
     * over Qwen's 151,936-token vocabulary: only one such chunk exists at a time besides the logits.
     */
    public static final long CHUNK_ELEMENTS = 1L << 26;

    /**
     * @param logits (B, T, V) next-token logits, float32 or fp16 (the log-softmax is computed in float32)
     * @param targets (B, T) int64 token ids, aligned with the logits (already shifted)
     * @return (B, T) float32 {@code log softmax(logits)[b, t, targets[b, t]]}, computed over chunks of positions
     *     of at most {@link #CHUNK_ELEMENTS} values
     */
    public static NDArray gather(NDArray logits, NDArray targets) {
        Shape s = logits.getShape();
        long perPosition = Math.max(1, s.get(0) * s.get(2));
        return gather(logits, targets, (int) Math.max(1, Math.min(s.get(1), CHUNK_ELEMENTS / perPosition)));
    }

    /**
     * {@link #gather(NDArray, NDArray)} over chunks of {@code chunk} positions: each chunk is widened to float32,
     * log-softmaxed and gathered, and its full-vocabulary temporaries are freed before the next (autograd keeps
     * only what backward needs). The result does not depend on {@code chunk}.
     */
    public static NDArray gather(NDArray logits, NDArray targets, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        long t = logits.getShape().get(1);
        if (chunk >= t) {
            return gatherChunk(logits, targets);
        }
        long[] cuts = new long[(int) ((t - 1) / chunk)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (long) (i + 1) * chunk;
        }
        NDList logitChunks = logits.split(cuts, 1); // views (B, ≤chunk, V)
        NDList targetChunks = targets.split(cuts, 1); // views (B, ≤chunk)
        NDList parts = new NDList(logitChunks.size());
        for (int i = 0; i < logitChunks.size(); i++) {
            parts.add(gatherChunk(logitChunks.get(i), targetChunks.get(i)));
        }
        NDArray out = NDArrays.concat(parts, 1); // (B, T)
        logitChunks.close();
        targetChunks.close();
        parts.close();
        return out;
    }

    private static NDArray gatherChunk(NDArray logits, NDArray targets) {
        NDArray logp = Casts.logSoftmaxFloat32(logits, -1); // (B, c, V) float32, an fp16 input widened inside
        NDArray index = targets.expandDims(2); // (B, c, 1)
        NDArray picked = logp.gather(index, 2); // (B, c, 1)
        // Free the full-vocabulary temporary now rather than with the step's manager.
        logp.close();
        index.close();
        NDArray out = picked.squeeze(2); // (B, c)
        picked.close();
        return out;
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
        return Scalars.maximum(pos, 0).mul(m).add(m.eq(0).toType(DataType.INT64, false)); // pads → 1
    }
}
