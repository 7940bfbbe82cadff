package org.align4j.core.tokenizer;

import java.util.List;
import java.util.OptionalInt;

/**
 * The result of training: the vocabulary in id order, the BPE merges (empty for WordPiece), and the
 * {@code tokenizer.json} text. Write it to a model directory with {@link TokenizerFiles#write}.
 *
 * @param config the settings it was trained with
 * @param vocab token strings; the index is the id (byte-level BPE tokens use GPT-2's byte characters)
 * @param merges BPE merge rules {@code "left right"} in the order learned
 * @param tokenizerJson the Hugging Face {@code tokenizer.json} content
 * @param stopReason why training ended before {@code config.vocabSize()}, or empty when it reached it
 */
public record TrainedTokenizer(
        TrainerConfig config, List<String> vocab, List<String> merges, String tokenizerJson, String stopReason) {

    public TrainedTokenizer {
        vocab = List.copyOf(vocab);
        merges = List.copyOf(merges);
    }

    /** Number of tokens, special tokens included. */
    public int vocabSize() {
        return vocab.size();
    }

    /** The id of {@code token} (a vocabulary string, e.g. {@code Ġthe} for byte-level BPE). */
    public OptionalInt tokenId(String token) {
        int i = vocab.indexOf(token);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }
}
