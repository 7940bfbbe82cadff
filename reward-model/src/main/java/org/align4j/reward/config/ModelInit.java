package org.align4j.reward.config;

import org.align4j.core.model.ModelPresets;
import org.align4j.core.train.config.Checks;

/**
 * The {@code model.init:} section: start from a randomly initialised BERT instead of a checkpoint.
 *
 * @param preset the model size, {@code tiny} or {@code small} ({@link ModelPresets}); small by default, the
 *     size that learns the bundled sample in minutes on two CPU cores
 * @param tokenizer a directory with a WordPiece tokenizer.json; null: a WordPiece tokenizer is trained on the
 *     training split's prompts and answers and saved in {@code output_dir/tokenizer}
 * @param vocabSize the vocabulary size of a trained tokenizer (ignored with {@code tokenizer}); 2000 by default,
 *     enough for the sample's English words and Chinese characters
 */
public record ModelInit(String preset, String tokenizer, int vocabSize) {
    public ModelInit {
        Checks.oneOf("preset", preset, ModelPresets.SIZES);
        if (tokenizer != null) {
            Checks.notBlank("tokenizer", tokenizer);
        }
        Checks.atLeast("vocab_size", vocabSize, 16);
    }

    public static ModelInit defaults() {
        return new ModelInit("small", null, 2000);
    }
}
