package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A key/value cache that grows by concatenation. Its arrays live in its own sub-manager, so that
 * closing the cache frees them, and each step's superseded arrays are closed at once.
 */
public final class ConcatKvCache implements KvCache {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public ConcatKvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    @Override
    public int length() {
        return length;
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

    @Override
    public void advance(int steps) {
        length += steps;
    }

    @Override
    public void select(NDArray rows) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                NDArray k = keys[i].get(rows);
                NDArray v = values[i].get(rows);
                k.attach(manager);
                v.attach(manager);
                keys[i].close();
                values[i].close();
                keys[i] = k;
                values[i] = v;
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
