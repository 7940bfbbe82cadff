package org.align4j.cli;

import java.util.ArrayList;
import java.util.List;

/** The {@code --batch-size} of the commands that run a model over their input lines a batch at a time. */
public final class Batches {
    private Batches() {}

    /** {@code size} when it is at least 1; else the error that names {@code --batch-size}. */
    public static int checkSize(int size) {
        return CountOptions.atLeastOne("--batch-size", size);
    }

    /**
     * {@code items} cut in order into consecutive views of {@code size} items, the last one shorter when
     * {@code size} does not divide their number; none for no items.
     */
    public static <T> List<List<T>> of(List<T> items, int size) {
        checkSize(size);
        List<List<T>> batches = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            batches.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return batches;
    }
}
