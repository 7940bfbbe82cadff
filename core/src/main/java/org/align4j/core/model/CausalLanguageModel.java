package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.align4j.core.nn.Module;

/**
 * A decoder-only language model (GPT-2, Llama, Qwen2): token ids in, next-token logits out, with an
 * optional key/value cache for generation. The trunk ({@link #hidden}) and the head ({@link #logits})
 * are separate so that value heads can read the final hidden states.
 */
public abstract class CausalLanguageModel extends Module {

    public abstract ModelConfig config();

    /**
     * The final hidden states, after the last norm.
     *
     * @param inputIds (B, T) int64
     * @param attentionMask (B, S) 1 = real token, 0 = padding, over cached and new positions; null when
     *     no padding precedes a real token (right padding or none): the causal mask alone is then exact
     * @param positionIds (B, T) int64, or null for {@code cache.length() .. cache.length()+T-1}
     * @param cache keys/values of earlier positions, updated in place; null without a cache
     * @return (B, T, d)
     */
    public abstract NDArray hidden(NDArray inputIds, NDArray attentionMask, NDArray positionIds, KvCache cache,
            boolean training);

    /** (B, T, d) → (B, T, V). */
    public abstract NDArray logits(NDArray hidden);

    /** A new empty cache for this model's layers. */
    public KvCache newCache(NDManager manager) {
        return new ConcatKvCache(manager, config().numLayers());
    }

    /** {@link #logits} of {@link #hidden}: (B, T) → (B, T, V). */
    public NDArray forward(NDArray inputIds, NDArray attentionMask, NDArray positionIds, KvCache cache,
            boolean training) {
        return logits(hidden(inputIds, attentionMask, positionIds, cache, training));
    }

    /** Logits of a batch without padding or cache (training on packed or right-padded batches). */
    public NDArray forward(NDArray inputIds, boolean training) {
        return forward(inputIds, null, null, null, training);
    }

    /** A decoder's trunk for one call, given the call's positions and the number of cached positions. */
    @FunctionalInterface
    protected interface Trunk {
        /** (B, T) ids at {@code positions} → (B, T, d) final hidden states; leaves the cache's length alone. */
        NDArray run(NDArray positions, int past);
    }

    /**
     * One {@link #hidden} call around {@code trunk}: positions default to {@code past .. past+T-1} where
     * {@code past} is the cache's length, and the cache advances by T afterwards.
     */
    protected static NDArray decode(NDArray inputIds, NDArray positionIds, KvCache cache, Trunk trunk) {
        int past = cache == null ? 0 : cache.length();
        NDArray out = trunk.run(positionIds != null ? positionIds : defaultPositions(inputIds, past), past);
        if (cache != null) {
            cache.advance((int) inputIds.getShape().get(1));
        }
        return out;
    }

    /** Positions {@code past .. past+T-1} as (1, T) int64. */
    private static NDArray defaultPositions(NDArray inputIds, int past) {
        long t = inputIds.getShape().get(1);
        return inputIds.getManager().arange(past, past + (int) t).toType(DataType.INT64, false).reshape(1, t);
    }

    /**
     * The additive attention mask for this call in the scores' data type {@code type} (the weights'), or null
     * when none is needed (single token, no padding).
     */
    protected static NDArray decoderMask(NDArray inputIds, NDArray attentionMask, int past, DataType type) {
        int t = (int) inputIds.getShape().get(1);
        if (t == 1 && attentionMask == null) {
            return null;
        }
        return AttentionKernel.causalMask(inputIds.getManager(), t, past + t, attentionMask, type);
    }
}
