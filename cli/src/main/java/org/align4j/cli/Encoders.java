package org.align4j.cli;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Text → token ids with the tokenizer stored in a model directory, when it has one. */
public final class Encoders {
    private Encoders() {}

    /** An encoder that owns its native tokenizer; {@link #function()} is null when there is none. */
    public static final class Encoder implements AutoCloseable {
        private final HuggingFaceTokenizer tokenizer;

        Encoder(HuggingFaceTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        public Function<String, long[]> function() {
            return tokenizer == null ? null : text -> tokenizer.encode(text).getIds();
        }

        @Override
        public void close() {
            if (tokenizer != null) {
                tokenizer.close();
            }
        }
    }

    /** Encodes without special tokens (causal LMs score exactly the ids of the text). */
    public static Encoder forModel(Path dir) {
        return forModel(dir, false);
    }

    /** @param addSpecialTokens true for BERT ([CLS] … [SEP]) */
    public static Encoder forModel(Path dir, boolean addSpecialTokens) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            return new Encoder(null);
        }
        try {
            return new Encoder(HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", String.valueOf(addSpecialTokens))));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }
}
