package org.align4j.datasets.split;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A train/validation split, made by seed or given as two lists (e.g. read from a separate validation file).
 *
 * @param train the rows trained on
 * @param validation the held-out rows
 * @param <T> the row type
 */
public record Split<T>(List<T> train, List<T> validation) {
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** A split given as two lists, e.g. a training file and a validation file. */
    public static <T> Split<T> of(List<T> train, List<T> validation) {
        return new Split<>(train, validation);
    }

    /**
     * Holds out {@code round(fraction * size)} rows chosen by {@code seed}; both sides keep the input order.
     */
    public static <T> Split<T> bySeed(List<T> rows, double fraction, long seed) {
        return bySeed(rows, fraction, seed, null);
    }

    /**
     * Like {@link #bySeed(List, double, long)}, but rows with the same group key (e.g. the prompt) always land
     * on the same side, so the validation set never shares a prompt with the training set. About
     * {@code fraction} of the groups are held out.
     */
    public static <T> Split<T> bySeed(List<T> rows, double fraction, long seed, Function<T, String> groupKey) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction is " + fraction + "; use a value in [0, 1)");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String key = groupKey == null ? Integer.toString(i) : groupKey.apply(rows.get(i));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> ordered = new ArrayList<>(groups.values());
        int held = (int) Math.round(fraction * ordered.size());
        int[] p = Shuffle.permutation(ordered.size(), seed);
        Set<Integer> heldRows = new HashSet<>();
        for (int g = 0; g < held; g++) {
            heldRows.addAll(ordered.get(p[g]));
        }
        List<T> train = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (heldRows.contains(i) ? validation : train).add(rows.get(i));
        }
        return new Split<>(train, validation);
    }

    /** The group keys found on both sides: empty for a clean split. */
    public Set<String> overlap(Function<T, String> groupKey) {
        Set<String> trainKeys = new HashSet<>();
        train.forEach(t -> trainKeys.add(groupKey.apply(t)));
        Set<String> both = new java.util.TreeSet<>();
        for (T v : validation) {
            String k = groupKey.apply(v);
            if (trainKeys.contains(k)) {
                both.add(k);
            }
        }
        return both;
    }
}
