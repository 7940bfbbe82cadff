package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What every per-layer key/value cache shares: one key and one value array per layer in the cache's own
 * sub-manager (closing the cache frees them), the count of cached positions, and row selection.
 */
abstract class LayerKvCache implements KvCache {
    protected final NDManager manager;
    protected final NDArray[] keys;
    protected final NDArray[] values;
    protected int length;

    LayerKvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    @Override
    public int length() {
        return length;
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
