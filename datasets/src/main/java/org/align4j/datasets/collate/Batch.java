package org.align4j.datasets.collate;

/**
 * A padded batch in plain row-major arrays of {@code batchSize * seqLen}, ready to become (B, T) tensors.
 *
 * <p>{@code lossMask[b*T+t] = 1} when token t of row b is trained on (the trainer compares it with the logits
 * at t − 1). Position ids count real tokens from 0 in each row, so a left-padded prompt's first real token has
 * position 0; in a packed row they restart at 0 where each example starts.
 *
 * @param batchSize B
 * @param seqLen T
 * @param inputIds token ids; padding holds the pad id
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param lossMask 1 for tokens trained on, 0 for prompt tokens and padding
 * @param positionIds position of each token within its example; 0 on padding
 * @param indices the examples in the batch (their indices in the dataset), in row order; for a packed batch
 *     all the examples of all rows in order
 * @param padding which side the padding is on
 */
public record Batch(int batchSize, int seqLen, int[] inputIds, int[] attentionMask, int[] lossMask,
        int[] positionIds, int[] indices, Padding padding) {

    /** The side padding goes on: right for training, left for generation. */
    public enum Padding {
        RIGHT,
        LEFT
    }

    public Batch {
        int n = batchSize * seqLen;
        if (batchSize < 1 || seqLen < 1 || inputIds.length != n || attentionMask.length != n || lossMask.length != n
                || positionIds.length != n) {
            throw new IllegalArgumentException("arrays must hold batchSize*seqLen = " + batchSize + "*" + seqLen
                    + " values");
        }
    }

    /** The token id at row {@code b}, position {@code t}. */
    public int id(int b, int t) {
        return inputIds[b * seqLen + t];
    }

    /** The number of real (non-padding) tokens in row {@code b}. */
    public int length(int b) {
        int n = 0;
        for (int t = 0; t < seqLen; t++) {
            n += attentionMask[b * seqLen + t];
        }
        return n;
    }

    /**
     * The position of the last real token of row {@code b}, whichever side the padding is on: where a reward
     * model or value head reads its score, and where generation continues from. Never a pad position.
     */
    public int lastRealTokenIndex(int b) {
        for (int t = seqLen - 1; t >= 0; t--) {
            if (attentionMask[b * seqLen + t] == 1) {
                return t;
            }
        }
        throw new IllegalStateException("row " + b + " has no real token");
    }

    /** The number of tokens trained on in the whole batch. */
    public int trainedTokens() {
        int n = 0;
        for (int v : lossMask) {
            n += v;
        }
        return n;
    }
}
