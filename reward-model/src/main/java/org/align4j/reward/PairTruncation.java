package org.align4j.reward;

import java.util.Arrays;

/**
 * Fits a (prompt, answer) pair into a BERT context as {@code [CLS] prompt [SEP] answer [SEP]}: when too
 * long, tokens are dropped from the start of the prompt (the end, nearest the answer, is kept) and never
 * silently from the answer — an answer that does not fit even with an empty prompt is an error unless
 * the caller allows cutting it (then its end is dropped and the cut is reported).
 */
public final class PairTruncation {
    /** The fitted pieces and whether anything was cut. */
    public record Fitted(int[] prompt, int[] answer, int promptTokensDropped, int answerTokensDropped) {}

    /** Special tokens around a pair: [CLS], [SEP], [SEP]. */
    public static final int SPECIAL_TOKENS = 3;

    private PairTruncation() {}

    public static Fitted fit(int[] prompt, int[] answer, int maxLength, boolean allowAnswerTruncation) {
        int room = maxLength - SPECIAL_TOKENS;
        if (room < 1) {
            throw new IllegalArgumentException("max_length " + maxLength + " leaves no room for text; use at least 4");
        }
        int[] a = answer;
        int answerDropped = 0;
        if (a.length > room) {
            int keep = room;
            if (!allowAnswerTruncation) {
                throw new IllegalArgumentException("the answer has " + answer.length + " tokens and does not fit "
                        + "max_length " + maxLength + " (" + SPECIAL_TOKENS + " special tokens); raise max_length or "
                        + "set truncate_answers: true");
            }
            answerDropped = a.length - keep;
            a = Arrays.copyOf(a, keep);
        }
        int promptRoom = room - a.length;
        int dropped = Math.max(0, prompt.length - promptRoom);
        int[] p = Arrays.copyOfRange(prompt, dropped, prompt.length);
        return new Fitted(p, a, dropped, answerDropped);
    }
}
