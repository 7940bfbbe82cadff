package org.align4j.datasets.collate;

/**
 * A tokenised preference pair: prompt + chosen and prompt + rejected, sharing the same prompt tokens; the
 * loss masks cover the responses only.
 *
 * @param chosen prompt followed by the chosen answer
 * @param rejected prompt followed by the rejected answer
 * @param promptLength the number of shared prompt tokens at the start of both
 */
public record TokenizedPair(TokenizedSequence chosen, TokenizedSequence rejected, int promptLength) {
    public TokenizedPair {
        if (promptLength < 0 || promptLength > chosen.length() || promptLength > rejected.length()) {
            throw new IllegalArgumentException("promptLength " + promptLength + " does not fit sequences of "
                    + chosen.length() + " and " + rejected.length() + " tokens");
        }
        for (int i = 0; i < promptLength; i++) {
            if (chosen.ids()[i] != rejected.ids()[i]) {
                throw new IllegalArgumentException("chosen and rejected differ at prompt token " + i);
            }
        }
    }

    /** The longer of the two sequences. */
    public int maxLength() {
        return Math.max(chosen.length(), rejected.length());
    }
}
