package org.align4j.core.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * Rotary position embeddings (Su et al. 2021, RoFormer) in the Hugging Face layout: the head is split
 * in two halves, {@code x·cos + rotate_half(x)·sin} with {@code rotate_half(x) = [-x₂, x₁]} and
 * {@code inv_freq[i] = 1 / θ^(2i/dim)}. The cos/sin tables are computed once for every position and
 * kept for the model's lifetime (they are constants, not parameters).
 */
public final class RotaryEmbedding implements AutoCloseable {
    private final NDManager manager;
    private final NDArray cos; // (P, hs)
    private final NDArray sin; // (P, hs)

    public RotaryEmbedding(NDManager parent, int headDim, int maxPositions, double theta) {
        this.manager = parent.newSubManager();
        int half = headDim / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            // As HF: base ** (arange(0, dim, 2).float() / dim) in float32, then 1 / that.
            float exponent = (float) (2 * i) / (float) headDim;
            invFreq[i] = 1.0f / (float) Math.pow(theta, exponent);
        }
        float[] c = new float[maxPositions * headDim];
        float[] s = new float[maxPositions * headDim];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) p * invFreq[i];
                float cv = (float) Math.cos(angle);
                float sv = (float) Math.sin(angle);
                c[p * headDim + i] = cv;
                c[p * headDim + half + i] = cv;
                s[p * headDim + i] = sv;
                s[p * headDim + half + i] = sv;
            }
        }
        this.cos = manager.create(c, new Shape(maxPositions, headDim));
        this.sin = manager.create(s, new Shape(maxPositions, headDim));
    }

    /** cos and sin for the given positions (B, T): each (B, 1, T, hs), ready to broadcast over heads. */
    public NDList at(NDArray positionIds) {
        return at(positionIds, DataType.FLOAT32);
    }

    /**
     * As {@link #at(NDArray)}, in {@code type} (the activations'; as HF, the float32 tables are rounded to it so
     * that q and k stay in that type).
     */
    public NDList at(NDArray positionIds, DataType type) {
        NDArray c = Embedding.embedding(positionIds, cos, SparseFormat.DENSE).head().expandDims(1); // (B, 1, T, hs)
        NDArray s = Embedding.embedding(positionIds, sin, SparseFormat.DENSE).head().expandDims(1); // (B, 1, T, hs)
        if (type != DataType.FLOAT32) {
            c = c.toType(type, false);
            s = s.toType(type, false);
        }
        return new NDList(c, s);
    }

    /** x (B, h, T, hs) rotated by the angles of cos/sin (B, 1, T, hs). */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3); // 2 × (B, h, T, hs/2)
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // (B, h, T, hs)
        return x.mul(cos).addi(rotated.muli(sin));
    }

    @Override
    public void close() {
        manager.close();
    }
}
