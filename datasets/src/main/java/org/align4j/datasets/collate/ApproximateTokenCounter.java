package org.align4j.datasets.collate;

/**
 * An APPROXIMATE token count for when no model tokenizer is at hand: each CJK character (and CJK
 * punctuation) counts as one token, and each run of other non-whitespace characters as one token. Real
 * subword tokenizers usually give more tokens for English (about 1.3 per word) and about as many or fewer
 * for Chinese; use a model's tokenizer for exact counts.
 */
public final class ApproximateTokenCounter implements TokenCounter {
    /** How the count is described to users. */
    public static final String DESCRIPTION = "approximate tokens: whitespace-separated words + CJK characters";

    @Override
    public int count(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                n++;
                inWord = false;
            } else if (Character.isWhitespace(cp)) {
                inWord = false;
            } else if (!inWord) {
                n++;
                inWord = true;
            }
        }
        return n;
    }

    /** Han ideographs, kana, Hangul, CJK punctuation and full-width forms. */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }
}
