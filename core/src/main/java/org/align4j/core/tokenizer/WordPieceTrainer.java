package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a BERT-style WordPiece vocabulary the way Hugging Face's WordPieceTrainer does: words from
 * BertNormalizer + BertPreTokenizer, then BPE merges over characters where every non-initial piece carries
 * the {@code ##} prefix. Ids: the special tokens first ({@code [PAD]}=0, {@code [UNK]}=1, {@code [CLS]}=2,
 * {@code [SEP]}=3, {@code [MASK]}=4 by default), then the characters, then the {@code ##} characters, then
 * the merged pieces. Each Chinese character is its own word, so it enters the vocabulary as a character.
 */
public final class WordPieceTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(WordPieceTrainer.class);
    static final String PREFIX = "##";

    private WordPieceTrainer() {}

    /** Learns a vocabulary of {@code config.vocabSize()} tokens (special tokens included) from {@code texts}. */
    public static TrainedTokenizer train(TrainerConfig config, Iterable<String> texts) {
        if (config.kind() != TokenizerKind.WORDPIECE) {
            throw new IllegalArgumentException("WordPieceTrainer needs kind WORDPIECE, got " + config.kind());
        }
        List<String> specials = config.specialTokens();
        BertTextSplitter splitter = new BertTextSplitter(config.lowercase());
        WordCounts counts = new WordCounts(specials);
        for (String text : texts) {
            counts.addText(text, splitter::split);
        }
        String[] words = counts.sortedWords();
        Map<Integer, Long> charFreq = new HashMap<>();
        for (String w : words) {
            long f = counts.count(w);
            w.codePoints().forEach(cp -> charFreq.merge(cp, f, Long::sum));
        }
        TreeSet<Integer> alphabet = alphabet(charFreq, config.limitAlphabet());

        TokenTable table = new TokenTable((a, b) -> a + b.substring(PREFIX.length()));
        List<Integer> specialIds = new ArrayList<>();
        for (String s : specials) {
            specialIds.add(table.add(s));
        }
        TreeSet<Integer> continuation = new TreeSet<>();
        List<String> kept = new ArrayList<>();
        for (String w : words) {
            int[] cps = w.codePoints().toArray();
            boolean known = true;
            for (int cp : cps) {
                known &= alphabet.contains(cp);
            }
            if (known) {
                kept.add(w);
                for (int i = 1; i < cps.length; i++) {
                    continuation.add(cps[i]);
                }
            }
        }
        for (int cp : alphabet) {
            table.add(Character.toString(cp));
        }
        for (int cp : continuation) {
            table.add(PREFIX + Character.toString(cp));
        }
        if (table.size() > config.vocabSize()) {
            throw new IllegalArgumentException("vocabSize " + config.vocabSize() + " is too small: the corpus has "
                    + alphabet.size() + " distinct characters (" + continuation.size() + " of them also inside "
                    + "words), which with the special tokens need " + table.size() + " ids; raise the vocabulary "
                    + "size or set limitAlphabet (--limit-alphabet)");
        }
        int[][] symbols = new int[kept.size()][];
        long[] freqs = new long[kept.size()];
        for (int w = 0; w < kept.size(); w++) {
            int[] cps = kept.get(w).codePoints().toArray();
            int[] s = new int[cps.length];
            for (int i = 0; i < cps.length; i++) {
                s[i] = table.id(i == 0 ? Character.toString(cps[i]) : PREFIX + Character.toString(cps[i]));
            }
            symbols[w] = s;
            freqs[w] = counts.count(kept.get(w));
        }
        List<PairMerger.Merge> learned =
                new PairMerger(symbols, freqs).run(table, config.vocabSize(), config.minFrequency());
        String stop = table.size() < config.vocabSize()
                ? "no pair of pieces occurs at least " + config.minFrequency() + " times any more" : "";
        LOG.debug("WordPiece: {} words ({} distinct), alphabet {}, {} merges, vocab {}", counts.total(),
                counts.distinct(), alphabet.size(), learned.size(), table.size());
        List<String> vocab = table.tokens();
        String json = TokenizerJsonWriter.wordPiece(vocab, specialIds, config.roles(), config.lowercase());
        return new TrainedTokenizer(config, vocab, List.of(), json, stop);
    }

    /** All characters, or the {@code limit} most frequent (ties: smaller code point). */
    private static TreeSet<Integer> alphabet(Map<Integer, Long> charFreq, int limit) {
        TreeSet<Integer> out = new TreeSet<>();
        charFreq.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit == 0 ? Long.MAX_VALUE : limit)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }
}
