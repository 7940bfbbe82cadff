package org.align4j.datasets.collate;

/**
 * A batch of preference pairs for DPO and the pairwise reward model: row b of {@code chosen} and row b of
 * {@code rejected} are the two answers to the same prompt. Both are right-padded to the same length, and
 * their loss masks cover the responses only.
 *
 * @param chosen prompt + chosen answer per pair
 * @param rejected prompt + rejected answer per pair
 */
public record PairBatch(Batch chosen, Batch rejected) {
    public PairBatch {
        if (chosen.batchSize() != rejected.batchSize() || chosen.seqLen() != rejected.seqLen()) {
            throw new IllegalArgumentException("chosen and rejected batches differ in shape");
        }
    }

    /** One batch of 2B rows, chosen rows first then rejected rows: a single forward pass for both. */
    public Batch stacked() {
        return new Batch(2 * chosen.batchSize(), chosen.seqLen(),
                concat(chosen.inputIds(), rejected.inputIds()),
                concat(chosen.attentionMask(), rejected.attentionMask()),
                concat(chosen.lossMask(), rejected.lossMask()),
                concat(chosen.positionIds(), rejected.positionIds()),
                concat(chosen.indices(), rejected.indices()),
                Batch.Padding.RIGHT);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
