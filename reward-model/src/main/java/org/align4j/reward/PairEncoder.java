package org.align4j.reward;

import java.util.List;
import org.align4j.core.tokenizer.TextTokenizer;

/**
 * Encodes (prompt, answer) pairs for a BERT reward model as {@code [CLS] prompt [SEP] answer [SEP]} with
 * token type ids 0 / 1, fitted by {@link PairTruncation}, batched with the tokenizer's pad token.
 */
public final class PairEncoder {
    /** A right-padded batch: ids, token types and attention mask, each (B × T) row-major. */
    public record Batch(int rows, int length, long[] ids, long[] typeIds, long[] mask, int promptTokensDropped) {}

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

    public Batch encode(List<String> prompts, List<String> answers) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + answers.size() + " answers");
        }
        int n = prompts.size();
        int[][] p = tokenizer.encodeBatch(prompts);
        int[][] a = tokenizer.encodeBatch(answers);
        PairTruncation.Fitted[] fitted = new PairTruncation.Fitted[n];
        int longest = 1;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            fitted[i] = PairTruncation.fit(p[i], a[i], maxLength, truncateAnswers);
            longest = Math.max(longest, fitted[i].prompt().length + fitted[i].answer().length + PairTruncation.SPECIAL_TOKENS);
            dropped += fitted[i].promptTokensDropped();
        }
        long[] ids = new long[n * longest];
        long[] types = new long[n * longest];
        long[] mask = new long[n * longest];
        java.util.Arrays.fill(ids, pad);
        for (int i = 0; i < n; i++) {
            int o = i * longest;
            int k = 0;
            ids[o + k++] = cls;
            for (int t : fitted[i].prompt()) {
                ids[o + k++] = t;
            }
            ids[o + k++] = sep;
            int answerStart = k;
            for (int t : fitted[i].answer()) {
                ids[o + k++] = t;
            }
            ids[o + k++] = sep;
            for (int j = 0; j < k; j++) {
                mask[o + j] = 1;
                types[o + j] = j >= answerStart ? 1 : 0;
            }
        }
        return new Batch(n, longest, ids, types, mask, dropped);
    }
}
