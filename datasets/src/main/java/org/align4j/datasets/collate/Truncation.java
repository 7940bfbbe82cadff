package org.align4j.datasets.collate;

import java.util.Arrays;

/**
 * Fits sequences into a length limit without ever cutting the response silently: the prompt is cut from the
 * left first (after the kept leading tokens, e.g. a BOS); only when the response alone does not fit is it cut
 * from the right, and the number of response tokens removed is returned so the caller can report it.
 */
public final class Truncation {
    private Truncation() {}

    /**
     * A fitted sequence and what was removed.
     *
     * @param sequence the sequence, no longer than the limit
     * @param promptTokensRemoved tokens cut from the left of the prompt
     * @param responseTokensRemoved tokens cut from the end of the response (the answer lost its ending)
     */
    public record Fitted(TokenizedSequence sequence, int promptTokensRemoved, int responseTokensRemoved) {
        public boolean changed() {
            return promptTokensRemoved > 0 || responseTokensRemoved > 0;
        }
    }

    /**
     * A fitted pair and what was removed.
     *
     * @param pair the pair, both sequences no longer than the limit and still sharing their prompt
     * @param promptTokensRemoved tokens cut from the left of the shared prompt
     * @param responseTokensRemoved tokens cut from the ends of the two responses, together
     */
    public record FittedPair(TokenizedPair pair, int promptTokensRemoved, int responseTokensRemoved) {
        public boolean changed() {
            return promptTokensRemoved > 0 || responseTokensRemoved > 0;
        }
    }

    /**
     * Fits {@code s} into {@code maxLength} tokens.
     *
     * @param keepLeading tokens at the start that are never removed (1 for a BOS, else 0)
     */
    public static Fitted fit(TokenizedSequence s, int maxLength, int keepLeading) {
        requireRoom(maxLength, keepLeading);
        if (s.length() <= maxLength) {
            return new Fitted(s, 0, 0);
        }
        int promptCut = promptCut(s.length(), s.promptLength(), maxLength, keepLeading);
        TokenizedSequence cut = removeAfter(s, keepLeading, promptCut);
        return new Fitted(head(cut, maxLength), promptCut, Math.max(0, cut.length() - maxLength));
    }

    /** Fits both sequences of a pair into {@code maxLength}, cutting the shared prompt the same way in both. */
    public static FittedPair fit(TokenizedPair p, int maxLength, int keepLeading) {
        requireRoom(maxLength, keepLeading);
        if (p.maxLength() <= maxLength) {
            return new FittedPair(p, 0, 0);
        }
        int promptCut = promptCut(p.maxLength(), p.promptLength(), maxLength, keepLeading);
        TokenizedSequence c = removeAfter(p.chosen(), keepLeading, promptCut);
        TokenizedSequence r = removeAfter(p.rejected(), keepLeading, promptCut);
        int responseCut = Math.max(0, c.length() - maxLength) + Math.max(0, r.length() - maxLength);
        c = head(c, maxLength);
        r = head(r, maxLength);
        return new FittedPair(new TokenizedPair(c, r, p.promptLength() - promptCut), promptCut, responseCut);
    }

    private static void requireRoom(int maxLength, int keepLeading) {
        if (maxLength <= keepLeading) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room after "
                    + keepLeading + " kept leading token(s); use a larger maximum length");
        }
    }

    /**
     * The prompt tokens to remove from a sequence of {@code length} tokens: the excess over {@code maxLength},
     * but never the {@code keepLeading} tokens nor more than the rest of the prompt.
     */
    private static int promptCut(int length, int promptLength, int maxLength, int keepLeading) {
        return Math.min(length - maxLength, Math.max(0, promptLength - keepLeading));
    }

    private static TokenizedSequence head(TokenizedSequence s, int n) {
        return s.length() <= n ? s : new TokenizedSequence(Arrays.copyOf(s.ids(), n), Arrays.copyOf(s.lossMask(), n));
    }

    private static TokenizedSequence removeAfter(TokenizedSequence s, int from, int count) {
        if (count == 0) {
            return s;
        }
        int n = s.length() - count;
        int[] ids = new int[n];
        boolean[] mask = new boolean[n];
        System.arraycopy(s.ids(), 0, ids, 0, from);
        System.arraycopy(s.lossMask(), 0, mask, 0, from);
        System.arraycopy(s.ids(), from + count, ids, from, n - from);
        System.arraycopy(s.lossMask(), from + count, mask, from, n - from);
        return new TokenizedSequence(ids, mask);
    }
}
