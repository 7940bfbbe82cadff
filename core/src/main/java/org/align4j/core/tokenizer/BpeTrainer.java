package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a byte-level BPE tokenizer like GPT-2's and Qwen2's. Ids 0..255 are the 256 bytes (id = byte
 * value, shown as GPT-2's byte characters), then the learned merges in order, then the special tokens.
 * Because every byte is in the vocabulary, any text (Chinese, emoji, control characters) encodes and
 * decodes back exactly.
 */
public final class BpeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);

    private BpeTrainer() {}

    /** Learns merges from {@code texts} until {@code config.vocabSize()} tokens (special tokens included). */
    public static TrainedTokenizer train(TrainerConfig config, Iterable<String> texts) {
        if (config.kind() != TokenizerKind.BPE) {
            throw new IllegalArgumentException("BpeTrainer needs kind BPE, got " + config.kind());
        }
        List<String> specials = config.specialTokens();
        WordCounts counts = new WordCounts(specials);
        for (String text : texts) {
            counts.addText(text, ByteLevelSplitter::split);
        }
        String[] words = counts.sortedWords();
        int[][] symbols = new int[words.length][];
        long[] freqs = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            int[] s = new int[word.length()];
            for (int i = 0; i < s.length; i++) {
                s[i] = ByteLevelAlphabet.byteOf(word.charAt(i));
            }
            symbols[w] = s;
            freqs[w] = counts.count(word);
        }
        TokenTable table = new TokenTable(String::concat);
        for (int b = 0; b < TrainerConfig.BYTE_ALPHABET; b++) {
            table.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        int target = config.vocabSize() - specials.size();
        List<PairMerger.Merge> learned = new PairMerger(symbols, freqs).run(table, target, config.minFrequency());
        List<String> merges = new ArrayList<>(learned.size());
        for (PairMerger.Merge m : learned) {
            merges.add(table.token(m.left()) + " " + table.token(m.right()));
        }
        String stop = table.size() < target
                ? "no pair of tokens occurs at least " + config.minFrequency() + " times any more" : "";
        List<Integer> specialIds = addSpecials(table, specials);
        LOG.debug("BPE: {} words ({} distinct), {} merges, vocab {}", counts.total(), counts.distinct(),
                merges.size(), table.size());
        List<String> vocab = table.tokens();
        return new TrainedTokenizer(config, vocab, merges, TokenizerJsonWriter.bpe(vocab, merges, specialIds), stop);
    }

    static List<Integer> addSpecials(TokenTable table, List<String> specials) {
        List<Integer> ids = new ArrayList<>();
        for (String s : specials) {
            if (table.contains(s)) {
                throw new IllegalArgumentException("special token '" + s + "' is also an ordinary token of the "
                        + "trained vocabulary (id " + table.id(s) + "); choose a special token that cannot occur "
                        + "as a word, e.g. <|" + s.replaceAll("[^A-Za-z0-9_]", "") + "|>");
            }
            ids.add(table.add(s));
        }
        return ids;
    }
}
