package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.nn.Scalars;

/**
 * Scaled dot-product attention as Hugging Face's {@code eager_attention_forward}: {@code softmax(q·kᵀ·scale
 * + mask)·v}, with grouped keys and values (GQA) shared by groups of query heads.
 *
 * <p>Instead of repeating each key/value head for its group ({@code repeat_kv}, two copies of K and V),
 * the group's query heads are folded into the query axis: q (B, nh, T, hs) is viewed as (B, nkv, g·T, hs),
 * which multiplies against the unrepeated keys; the result is the same. The scale is applied to q
 * (T·hs values) rather than to the scores (T·S values).
 */
public final class AttentionKernel {
    /** {@code torch.finfo(torch.float32).min}: the additive value of a masked position. */
    public static final float MASKED = -3.4028234663852886e38f;

    /**
     * The additive value of a masked position in fp16 scores: half of fp16's lowest value (−65504), so that
     * a score plus the mask stays finite (HF's finfo.min overflows to −inf there, and a row of padding with
     * every key masked would turn into NaN) while its softmax weight is still exactly 0.
     */
    public static final float MASKED_FP16 = -32768f;

    private AttentionKernel() {}

    /**
     * @param q (B, nh, T, hs)
     * @param k (B, nkv, S, hs); may belong to a cache: everything derived from it is owned by q's manager
     * @param v (B, nkv, S, hs)
     * @param mask additive, broadcastable to (B, nh, T, S), or null
     * @return (B, nh, T, hs)
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, double scale,
            double dropout, boolean training) {
        Shape qs = q.getShape();
        long b = qs.get(0);
        long nh = qs.get(1);
        long t = qs.get(2);
        long hs = qs.get(3);
        long nkv = k.getShape().get(1);
        long s = k.getShape().get(2);
        long g = nh / nkv; // query heads per key/value head
        NDArray kt = k.transpose(0, 1, 3, 2); // (B, nkv, hs, S)
        kt.attach(q.getManager()); // a view of k, which a cache may own: the caller's step frees it
        NDArray qg = Scalars.mul(q, scale);
        if (g > 1) {
            qg = qg.reshape(b, nkv, g * t, hs); // (B, nkv, g·T, hs): heads j·g .. j·g+g-1 use kv head j
        }
        NDArray scores = qg.matMul(kt); // (B, nkv, g·T, S)
        if (mask != null) {
            scores = g == 1 ? scores.addi(mask)
                    : scores.reshape(b, nkv, g, t, s).addi(mask.expandDims(2)).reshape(b, nkv, g * t, s);
        }
        NDArray probs = scores.softmax(-1);
        if (training && dropout > 0) {
            probs = Dropout.dropout(probs, (float) dropout, true).head();
        }
        NDArray y = probs.matMul(v); // (B, nkv, g·T, hs)
        return g > 1 ? y.reshape(b, nh, t, hs) : y; // (B, nh, T, hs)
    }

    /**
     * The additive causal mask for T queries at positions {@code S-T .. S-1} over S keys, combined with
     * an optional key padding mask (B, S) of 1 = real token, 0 = padding.
     *
     * @return (1 or B, 1, T, S) float32: 0 where attention is allowed, {@link #MASKED} elsewhere
     */
    public static NDArray causalMask(NDManager manager, int t, int s, NDArray keyPadding) {
        return causalMask(manager, t, s, keyPadding, DataType.FLOAT32);
    }

    /** {@link #causalMask(NDManager, int, int, NDArray)} in the scores' data type {@code type} (see {@link #maskedValue}). */
    public static NDArray causalMask(NDManager manager, int t, int s, NDArray keyPadding, DataType type) {
        NDArray rows = manager.arange(s - t, s).reshape(t, 1); // (T, 1) absolute query positions
        NDArray cols = manager.arange(0, s).reshape(1, s); // (1, S)
        NDArray allowed = cols.lte(rows).reshape(1, 1, t, s); // (1, 1, T, S)
        if (keyPadding != null) {
            NDArray keys = keyPadding.toType(DataType.BOOLEAN, false)
                    .reshape(keyPadding.getShape().get(0), 1, 1, s); // (B, 1, 1, S)
            allowed = allowed.logicalAnd(keys); // (B, 1, T, S)
        }
        return additive(allowed, type);
    }

    /** The additive mask of a bidirectional encoder from a padding mask (B, S): (B, 1, 1, S) float32. */
    public static NDArray paddingMask(NDManager manager, NDArray keyPadding) {
        return paddingMask(manager, keyPadding, DataType.FLOAT32);
    }

    /** {@link #paddingMask(NDManager, NDArray)} in the scores' data type {@code type} (see {@link #maskedValue}). */
    public static NDArray paddingMask(NDManager manager, NDArray keyPadding, DataType type) {
        Shape s = keyPadding.getShape();
        return additive(keyPadding.toType(DataType.BOOLEAN, false).reshape(s.get(0), 1, 1, s.get(1)), type);
    }

    /** The additive value of a masked position in scores of {@code type}: {@link #MASKED}, or {@link #MASKED_FP16}. */
    public static float maskedValue(DataType type) {
        return type == DataType.FLOAT16 ? MASKED_FP16 : MASKED;
    }

    private static NDArray additive(NDArray allowed, DataType type) {
        // (1 - allowed) · masked value: 0 where allowed, the type's masked value elsewhere.
        return Scalars.muli(allowed.logicalNot().toType(type, false), maskedValue(type));
    }
}
