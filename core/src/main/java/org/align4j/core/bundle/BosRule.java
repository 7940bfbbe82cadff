package org.align4j.core.bundle;

import org.align4j.core.tokenizer.TextTokenizer;

/**
 * The one rule for the start of a sequence, used by every stage through {@link ModelBundle#encoder()}: a
 * sequence starts with the BOS token exactly when the model's own tokenizer puts one in front of a text
 * (transformers' {@code tokenizer(text)}: Llama's post-processor does, GPT-2's and Qwen's do not). A BOS
 * that is merely declared (Qwen's config.json names {@code <|endoftext|>}) is not added, so a model is
 * trained, scored and sampled with the sequence start it was pre-trained with.
 */
public final class BosRule {
    private BosRule() {}

    /** The BOS id every encoded sequence starts with, or null when the tokenizer adds none. */
    public static Integer bosId(TextTokenizer tokenizer) {
        if (tokenizer.special().bos().isEmpty()) {
            return null;
        }
        int bos = tokenizer.special().bos().get().id();
        int[] ids = tokenizer.encodeWithSpecialTokens("a");
        return ids.length > 0 && ids[0] == bos ? bos : null;
    }
}
