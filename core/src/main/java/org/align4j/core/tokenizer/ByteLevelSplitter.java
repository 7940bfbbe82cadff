package org.align4j.core.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words the way the Hugging Face {@code ByteLevel} pre-tokenizer does with
 * {@code use_regex: true} (GPT-2's pattern): contractions, letters with an optional leading space,
 * digits, punctuation runs and whitespace. Used by {@link BpeTrainer} to count words; the
 * {@code tokenizer.json} it writes names the same pre-tokenizer, so training and encoding agree.
 *
 * <p>A run of Chinese characters has no spaces, so it stays one word (as in GPT-2 and Qwen2); BPE then
 * learns merges inside it.
 */
final class ByteLevelSplitter {
    /** GPT-2's split pattern; {@code \s} must be Unicode-aware like Oniguruma's, hence the flag. */
    static final Pattern GPT2_PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private ByteLevelSplitter() {}

    /** Passes each word of {@code text}, mapped to byte-level characters, to {@code sink}. */
    static void split(String text, Consumer<String> sink) {
        Matcher m = GPT2_PATTERN.matcher(text);
        while (m.find()) {
            sink.accept(ByteLevelAlphabet.encode(m.group()));
        }
    }
}
