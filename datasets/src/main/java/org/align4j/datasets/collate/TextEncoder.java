package org.align4j.datasets.collate;

import java.util.function.Function;

/**
 * Turns text into token ids, WITHOUT special tokens (no BOS, no EOS): templates put end-of-turn markers in
 * the text and {@link SequenceEncoder} adds the BOS once. Other modules plug their tokenizer in here, e.g.
 * {@code TextEncoder.of(text -> tokenizer.encode(text, false))}.
 */
@FunctionalInterface
public interface TextEncoder extends TokenCounter {
    int[] encode(String text);

    @Override
    default int count(String text) {
        return encode(text).length;
    }

    /** Adapts a function. */
    static TextEncoder of(Function<String, int[]> encode) {
        return encode::apply;
    }
}
