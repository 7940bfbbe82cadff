package org.align4j.datasets.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic shuffling: the same seed gives the same order on every JVM ({@link Random}'s algorithm is fixed
 * by its specification), so a run can be repeated and resumed. Training's epoch order and batches are
 * {@code org.align4j.core.train.DataOrder}'s, built on {@link #permutation(int, Random)}.
 */
public final class Shuffle {
    private Shuffle() {}

    /** A permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new Random(seed));
    }

    /** A permutation of 0..n-1 (Fisher–Yates) drawing from {@code rnd}: the one shuffle every trainer uses. */
    public static int[] permutation(int n, Random rnd) {
        if (n < 0) {
            throw new IllegalArgumentException("n is " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /** A shuffled copy of {@code items}. */
    public static <T> List<T> shuffled(List<T> items, long seed) {
        int[] p = permutation(items.size(), seed);
        List<T> out = new ArrayList<>(items.size());
        for (int i : p) {
            out.add(items.get(i));
        }
        return out;
    }
}
