package org.align4j.core.tokenizer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tokenizer models align4j trains. */
public enum TokenizerKind {
    /** Byte-level BPE as in GPT-2 and Qwen2: every input encodes, nothing is unknown. */
    BPE,
    /** BERT's WordPiece with {@code ##} continuations, lower-cased, one word per Chinese character. */
    WORDPIECE;

    /** Parses {@code bpe} or {@code wordpiece} (any case). */
    public static TokenizerKind parse(String name) {
        for (TokenizerKind k : values()) {
            if (k.name().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown tokenizer kind '" + name + "'; allowed: "
                + Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
