package org.align4j.datasets.collate;

/**
 * One tokenised example. {@code lossMask[t]} is true when token {@code t} is one the model is trained to
 * produce (an assistant's answer or its end-of-turn marker); the trainer compares it with the logits at
 * {@code t - 1}. The arrays are not copied: do not change them after construction.
 *
 * @param ids token ids
 * @param lossMask which tokens are trained on; same length as {@code ids}
 */
public record TokenizedSequence(int[] ids, boolean[] lossMask) {
    public TokenizedSequence {
        if (ids == null || lossMask == null || ids.length != lossMask.length) {
            throw new IllegalArgumentException("ids and lossMask must have the same length: "
                    + (ids == null ? null : ids.length) + " vs " + (lossMask == null ? null : lossMask.length));
        }
    }

    public int length() {
        return ids.length;
    }

    /** The number of tokens before the first trained one (the whole length when none is trained). */
    public int promptLength() {
        int i = 0;
        while (i < lossMask.length && !lossMask[i]) {
            i++;
        }
        return i;
    }

    /** The number of tokens trained on. */
    public int trainedTokens() {
        int n = 0;
        for (boolean b : lossMask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
