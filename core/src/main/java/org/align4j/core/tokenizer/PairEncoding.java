package org.align4j.core.tokenizer;

/**
 * A text pair encoded with the tokenizer's post-processor, e.g. BERT's {@code [CLS] a [SEP] b [SEP]}.
 *
 * @param ids token ids
 * @param typeIds segment ids: 0 for the first text and its special tokens, 1 for the second
 * @param specialTokensMask 1 where the post-processor inserted a special token
 */
public record PairEncoding(int[] ids, int[] typeIds, int[] specialTokensMask) {
    public PairEncoding {
        if (ids.length != typeIds.length || ids.length != specialTokensMask.length) {
            throw new IllegalArgumentException("ids (" + ids.length + "), typeIds (" + typeIds.length
                    + ") and specialTokensMask (" + specialTokensMask.length + ") must have the same length");
        }
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }
}
