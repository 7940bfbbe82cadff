package org.align4j.datasets.collate;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs SFT sequences into rows of a fixed length, in the given (shuffled) order: each sequence goes into the
 * current row if it fits, else starts a new row. Deterministic, and no example is split across rows.
 * Examples in one row attend to each other unless the model builds a block-diagonal mask from the position
 * ids (which restart at 0 per example); the loss is unaffected since a row's first prompt tokens are not
 * trained on.
 */
public final class Packer {
    private Packer() {}

    /** The examples (indices into the packed list) that share one row. */
    public record Row(List<Integer> members, int tokens) {
        public Row {
            members = List.copyOf(members);
        }
    }

    /** Packs {@code seqs} into rows of at most {@code rowLength} tokens. */
    public static List<Row> pack(List<TokenizedSequence> seqs, int rowLength) {
        if (rowLength < 1) {
            throw new IllegalArgumentException("rowLength is " + rowLength + "; use a positive length");
        }
        List<Row> rows = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < seqs.size(); i++) {
            int len = seqs.get(i).length();
            if (len > rowLength) {
                throw new IllegalArgumentException("sequence " + i + " has " + len + " tokens, more than the packing"
                        + " length " + rowLength + "; fit or drop it first (Truncation, Overflow)");
            }
            if (used + len > rowLength) {
                rows.add(new Row(current, used));
                current = new ArrayList<>();
                used = 0;
            }
            current.add(i);
            used += len;
        }
        if (!current.isEmpty()) {
            rows.add(new Row(current, used));
        }
        return rows;
    }
}
