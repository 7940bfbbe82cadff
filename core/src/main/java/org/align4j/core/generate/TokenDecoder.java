package org.align4j.core.generate;

/** Turns generated token ids into text (e.g. a tokenizer's decode with special tokens skipped). */
@FunctionalInterface
public interface TokenDecoder {
    String decode(int[] ids);
}
