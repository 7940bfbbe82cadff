package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A key/value cache that grows by concatenation. Its arrays live in its own sub-manager, so that
 * closing the cache frees them, and each step's superseded arrays are closed at once.
 */
public final class ConcatKvCache extends LayerKvCache {
    public ConcatKvCache(NDManager parent, int layers) {
        super(parent, layers);
    }

    @Override
    public NDList update(int layer, NDArray k, NDArray v) {
        keys[layer] = append(keys[layer], k);
        values[layer] = append(values[layer], v);
        return new NDList(keys[layer], values[layer]);
    }

    private NDArray append(NDArray old, NDArray add) {
        NDArray joined = old == null ? add.duplicate() : old.concat(add, 2); // (B, nkv, S + T, hs)
        joined.attach(manager);
        if (old != null) {
            old.close();
        }
        return joined;
    }
}
