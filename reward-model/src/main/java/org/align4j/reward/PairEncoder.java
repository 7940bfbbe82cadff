package org.align4j.reward;

import java.util.Arrays;
import java.util.List;
import org.align4j.core.tokenizer.TextTokenizer;

/**
 * Encodes (prompt, answer) pairs for a BERT reward model as {@code [CLS] prompt [SEP] answer [SEP]} with
 * token type ids 0 / 1, fitted by {@link PairTruncation}, batched with the tokenizer's pad token. Encoding
 * is split in two so that training can tokenise a data set once ({@link #encodeAll}) and pad each
 * micro-batch from the stored sequences ({@link #pad}).
 */
public final class PairEncoder {
    /** A right-padded batch: ids, token types and attention mask, each (B × T) row-major. */
    public record Batch(int rows, int length, long[] ids, long[] typeIds, long[] mask, int promptTokensDropped) {
        /** The number of real (unpadded) tokens. */
        public long realTokens() {
            long n = 0;
            for (long m : mask) {
                n += m;
            }
            return n;
        }
    }

    /**
     * One fitted input, unpadded: {@code ids} holds {@code [CLS] prompt [SEP] answer [SEP]}, and the answer
     * segment (type id 1) starts at {@code answerStart}.
     */
    public record Sequence(int[] ids, int answerStart, int promptTokensDropped, int answerTokensDropped) {
        public int length() {
            return ids.length;
        }
    }

    private final TextTokenizer tokenizer;
    private final int maxLength;
    private final boolean truncateAnswers;
    private final int cls;
    private final int sep;
    private final int pad;

    public PairEncoder(TextTokenizer tokenizer, int maxLength, boolean truncateAnswers) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.truncateAnswers = truncateAnswers;
        var special = tokenizer.special();
        this.cls = special.cls().orElseThrow(() -> new IllegalStateException(
                tokenizer.directory() + ": the tokenizer has no [CLS] token; a BERT reward model needs a WordPiece "
                        + "tokenizer (align tokenizer train --kind wordpiece)")).id();
        this.sep = special.sep().orElseThrow(() -> new IllegalStateException(
                tokenizer.directory() + ": the tokenizer has no [SEP] token")).id();
        this.pad = special.requirePad().id();
    }

    public int maxLength() {
        return maxLength;
    }

    /** Tokenises, fits and pads a batch. */
    public Batch encode(List<String> prompts, List<String> answers) {
        return pad(Arrays.asList(encodeAll(prompts, answers)));
    }

    /**
     * Tokenises and fits every pair (no padding).
     *
     * @throws IllegalArgumentException from {@link PairTruncation} when an answer does not fit, naming its index
     */
    public Sequence[] encodeAll(List<String> prompts, List<String> answers) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + answers.size() + " answers");
        }
        int[][] p = tokenizer.encodeBatch(prompts);
        int[][] a = tokenizer.encodeBatch(answers);
        Sequence[] out = new Sequence[p.length];
        for (int i = 0; i < p.length; i++) {
            try {
                out[i] = fit(p[i], a[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pair " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Fits token ids of one prompt and one answer into {@code [CLS] prompt [SEP] answer [SEP]}. */
    public Sequence fit(int[] promptIds, int[] answerIds) {
        PairTruncation.Fitted f = PairTruncation.fit(promptIds, answerIds, maxLength, truncateAnswers);
        int[] ids = new int[f.prompt().length + f.answer().length + PairTruncation.SPECIAL_TOKENS];
        int k = 0;
        ids[k++] = cls;
        for (int t : f.prompt()) {
            ids[k++] = t;
        }
        ids[k++] = sep;
        int answerStart = k;
        for (int t : f.answer()) {
            ids[k++] = t;
        }
        ids[k] = sep;
        return new Sequence(ids, answerStart, f.promptTokensDropped(), f.answerTokensDropped());
    }

    /** Right-pads sequences to the longest one with the pad token; type ids 1 from each answer's start. */
    public Batch pad(List<Sequence> sequences) {
        int n = sequences.size();
        int longest = 1;
        int dropped = 0;
        for (Sequence s : sequences) {
            longest = Math.max(longest, s.length());
            dropped += s.promptTokensDropped();
        }
        long[] ids = new long[n * longest];
        long[] types = new long[n * longest];
        long[] mask = new long[n * longest];
        Arrays.fill(ids, pad);
        for (int i = 0; i < n; i++) {
            Sequence s = sequences.get(i);
            int o = i * longest;
            for (int j = 0; j < s.length(); j++) {
                ids[o + j] = s.ids()[j];
                mask[o + j] = 1;
                types[o + j] = j >= s.answerStart() ? 1 : 0;
            }
        }
        return new Batch(n, longest, ids, types, mask, dropped);
    }
}
