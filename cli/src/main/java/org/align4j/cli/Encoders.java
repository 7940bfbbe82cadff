package org.align4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.align4j.cli.io.ScoreInput;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;

/**
 * Text → token ids with the tokenizer stored in a model directory, when it has one. Encoding goes through
 * core's {@link TextTokenizer}, so texts are encoded whole (no library truncation) with the same ids as
 * training.
 */
public final class Encoders {
    private Encoders() {}

    /** An encoder that owns its native tokenizer; {@link #function()} is null when there is none. */
    public static final class Encoder implements AutoCloseable {
        private final TextTokenizer tokenizer;
        private final boolean addSpecialTokens;

        Encoder(TextTokenizer tokenizer, boolean addSpecialTokens) {
            this.tokenizer = tokenizer;
            this.addSpecialTokens = addSpecialTokens;
        }

        public Function<String, long[]> function() {
            if (tokenizer == null) {
                return null;
            }
            return text -> ScoreInput.longIds(addSpecialTokens ? tokenizer.encodeWithSpecialTokens(text) : tokenizer.encode(text));
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
        if (!Files.isRegularFile(dir.resolve(TokenizerFiles.TOKENIZER_JSON))) {
            return new Encoder(null, addSpecialTokens);
        }
        return new Encoder(TextTokenizer.load(dir), addSpecialTokens);
    }
}
