package org.align4j.datasets.stats;

import java.util.Arrays;

/** A growable list of ints: one length per row without boxing a million Integers. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    Percentiles percentiles() {
        return Percentiles.of(values, size);
    }
}
