package org.align4j.datasets.collate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pads tokenised examples into {@link Batch}es. The pad id must be given: a missing pad token silently
 * becoming id 0 is a classic bug, so there is no default.
 */
public final class Collator {
    private final int padId;

    /** @param padId the tokenizer's pad id (many use the EOS id as pad); must be >= 0 */
    public Collator(int padId) {
        if (padId < 0) {
            throw new IllegalArgumentException("padId is " + padId + "; give the tokenizer's pad token id (>= 0),"
                    + " e.g. its EOS id when it has no pad token");
        }
        this.padId = padId;
    }

    public int padId() {
        return padId;
    }

    /** Right-pads training sequences to the longest in the batch. */
    public Batch rightPadded(List<TokenizedSequence> seqs, int[] indices) {
        requireShape(seqs.size(), indices);
        int t = seqs.stream().mapToInt(TokenizedSequence::length).max().orElse(0);
        return rightPadded(seqs, indices, t);
    }

    private Batch rightPadded(List<TokenizedSequence> seqs, int[] indices, int seqLen) {
        int b = seqs.size();
        Buffers s = new Buffers(b, seqLen, padId);
        for (int row = 0; row < b; row++) {
            TokenizedSequence q = seqs.get(row);
            requireNonEmpty(q.length(), row);
            s.put(row, 0, q);
        }
        return s.batch(indices.clone(), Batch.Padding.RIGHT);
    }

    /** Left-pads prompts for generation, so that every row's next token goes at position T. */
    public Batch leftPadded(List<int[]> prompts, int[] indices) {
        requireShape(prompts.size(), indices);
        int b = prompts.size();
        int t = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
        Buffers s = new Buffers(b, t, padId);
        for (int row = 0; row < b; row++) {
            int[] p = prompts.get(row);
            requireNonEmpty(p.length, row);
            s.put(row, t - p.length, new TokenizedSequence(p, new boolean[p.length]));
        }
        return s.batch(indices.clone(), Batch.Padding.LEFT);
    }

    /** Pairs, both sides right-padded to the longest sequence of either side. */
    public PairBatch pairs(List<TokenizedPair> pairs, int[] indices) {
        requireShape(pairs.size(), indices);
        int t = pairs.stream().mapToInt(TokenizedPair::maxLength).max().orElse(0);
        List<TokenizedSequence> chosen = new ArrayList<>();
        List<TokenizedSequence> rejected = new ArrayList<>();
        for (TokenizedPair p : pairs) {
            chosen.add(p.chosen());
            rejected.add(p.rejected());
        }
        return new PairBatch(rightPadded(chosen, indices, t), rightPadded(rejected, indices, t));
    }

    /**
     * Packed rows (see {@link Packer}): each row holds several examples back to back, right-padded to
     * {@code rowLength}; position ids restart at 0 where each example starts.
     */
    public Batch packed(List<TokenizedSequence> seqs, List<Packer.Row> rows, int rowLength) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to collate");
        }
        Buffers s = new Buffers(rows.size(), rowLength, padId);
        List<Integer> members = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            int at = 0;
            for (int i : rows.get(row).members()) {
                TokenizedSequence q = seqs.get(i);
                if (at + q.length() > rowLength) {
                    throw new IllegalArgumentException("row " + row + " holds more than " + rowLength + " tokens");
                }
                s.put(row, at, q);
                at += q.length();
                members.add(i);
            }
        }
        return s.batch(members.stream().mapToInt(Integer::intValue).toArray(), Batch.Padding.RIGHT);
    }

    private static void requireShape(int n, int[] indices) {
        if (n == 0) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        if (indices.length != n) {
            throw new IllegalArgumentException(n + " examples but " + indices.length + " indices");
        }
    }

    private static void requireNonEmpty(int length, int row) {
        if (length == 0) {
            throw new IllegalArgumentException("example " + row + " of the batch has no tokens");
        }
    }

    /** The arrays under construction. */
    private static final class Buffers {
        final int b;
        final int t;
        final int[] ids;
        final int[] attention;
        final int[] loss;
        final int[] positions;

        Buffers(int b, int t, int padId) {
            this.b = b;
            this.t = t;
            ids = new int[b * t];
            Arrays.fill(ids, padId);
            attention = new int[b * t];
            loss = new int[b * t];
            positions = new int[b * t];
        }

        void put(int row, int at, TokenizedSequence q) {
            int base = row * t + at;
            for (int i = 0; i < q.length(); i++) {
                ids[base + i] = q.ids()[i];
                attention[base + i] = 1;
                loss[base + i] = q.lossMask()[i] ? 1 : 0;
                positions[base + i] = i;
            }
        }

        Batch batch(int[] indices, Batch.Padding padding) {
            return new Batch(b, t, ids, attention, loss, positions, indices, padding);
        }
    }
}
