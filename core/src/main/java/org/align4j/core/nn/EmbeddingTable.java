package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;

/** A lookup table {@code weight} of shape (num, dim), indexed by integer ids. */
public final class EmbeddingTable extends Module {
    private final Parameter weight;
    private final long num;

    public EmbeddingTable(long num, long dim, double initStd) {
        this.num = num;
        this.weight = param("weight", new Shape(num, dim), ParameterInit.normal(initStd));
    }

    /** ids (...) int64 → (..., dim). */
    public NDArray forward(NDArray ids) {
        return Embedding.embedding(ids, weight.getArray(), SparseFormat.DENSE).head();
    }

    public Parameter weight() {
        return weight;
    }

    public long size() {
        return num;
    }
}
