package org.align4j.core.tokenizer;

/** Trains the tokenizer kind named in the config: {@link BpeTrainer} or {@link WordPieceTrainer}. */
public final class TokenizerTrainer {
    private TokenizerTrainer() {}

    /** Trains on {@code texts}; throws when the corpus holds no text at all. */
    public static TrainedTokenizer train(TrainerConfig config, Iterable<String> texts) {
        boolean any = false;
        for (String t : texts) {
            if (!t.isBlank()) {
                any = true;
                break;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the training corpus has no text; give files with some lines of text");
        }
        return config.kind() == TokenizerKind.BPE
                ? BpeTrainer.train(config, texts)
                : WordPieceTrainer.train(config, texts);
    }
}
