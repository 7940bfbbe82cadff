package org.align4j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A key/value cache with room for {@code capacity} positions allocated once per layer (on the first
 * update, when the batch and head sizes are known); each step writes its keys and values in place and
 * attention reads a view of the filled part. Unlike {@link ConcatKvCache}, a step copies only its own
 * positions instead of the whole cache, and allocates no new buffers (fresh large allocations cost page
 * faults on every step on CPU).
 */
public final class PreallocatedKvCache extends LayerKvCache {
    private final int capacity;

    /** @param capacity the most positions this cache will hold (prompt plus new tokens) */
    public PreallocatedKvCache(NDManager parent, int layers, int capacity) {
        super(parent, layers);
        if (capacity <= 0) {
            close();
            throw new IllegalArgumentException("capacity: must be > 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The most positions this cache holds. */
    public int capacity() {
        return capacity;
    }

    @Override
    public NDList update(int layer, NDArray k, NDArray v) {
        Shape s = k.getShape(); // (B, nkv, T, hs)
        long t = s.get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("the cache holds " + capacity + " positions; " + length + " cached plus "
                    + t + " new do not fit");
        }
        if (keys[layer] == null) {
            Shape full = new Shape(s.get(0), s.get(1), capacity, s.get(3)); // (B, nkv, capacity, hs)
            keys[layer] = manager.zeros(full, k.getDataType());
            values[layer] = manager.zeros(full, v.getDataType());
        }
        NDIndex written = new NDIndex(":, :, {}:{}", length, length + t);
        keys[layer].set(written, k);
        values[layer].set(written, v);
        NDIndex filled = new NDIndex(":, :, :{}", length + t);
        NDArray kv = keys[layer].get(filled); // (B, nkv, length + T, hs), a view
        NDArray vv = values[layer].get(filled);
        kv.attach(k.getManager()); // the view handles belong to the caller's step, the storage to the cache
        vv.attach(k.getManager());
        return new NDList(kv, vv);
    }
}
