package org.align4j.datasets.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic shuffling: the same seed gives the same order on every JVM ({@link Random}'s algorithm is fixed
 * by its specification), so a run can be repeated and resumed.
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

    /** The order of epoch {@code epoch}: a different permutation per epoch, all fixed by {@code seed}. */
    public static int[] epochOrder(int n, long seed, int epoch) {
        return permutation(n, seed * 1_000_003L + epoch);
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

    /**
     * The batches of one epoch as index arrays: {@code epochOrder} cut into pieces of {@code batchSize}; the
     * last, shorter piece is kept unless {@code dropLast}.
     */
    public static List<int[]> batches(int n, int batchSize, long seed, int epoch, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; use 1 or more");
        }
        int[] order = epochOrder(n, seed, epoch);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            if (to - from < batchSize && dropLast) {
                break;
            }
            out.add(java.util.Arrays.copyOfRange(order, from, to));
        }
        return out;
    }
}
