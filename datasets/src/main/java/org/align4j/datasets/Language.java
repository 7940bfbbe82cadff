package org.align4j.datasets;

import org.align4j.datasets.collate.ApproximateTokenCounter;

/**
 * Tells Chinese (CJK script) text from Latin-script text by comparing CJK characters with Latin words (runs
 * of Latin letters), which carry about as much meaning each. It tells scripts apart, not languages: French
 * counts as {@link #LATIN}.
 */
public final class Language {
    /** Mostly CJK characters. */
    public static final String ZH = "zh";
    /** Mostly Latin letters (English in the bundled data). */
    public static final String LATIN = "latin";
    /** Both scripts, neither above 75% of the CJK characters plus Latin words. */
    public static final String MIXED = "mixed";
    /** No CJK or Latin letters at all. */
    public static final String OTHER = "other";

    private Language() {}

    /** {@link #ZH}, {@link #LATIN}, {@link #MIXED} or {@link #OTHER}. */
    public static String detect(String text) {
        long cjk = 0;
        long latin = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean latinLetter = Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
            if (ApproximateTokenCounter.isCjk(cp) && Character.isLetter(cp)) {
                cjk++;
            } else if (latinLetter && !inWord) {
                latin++;
            }
            inWord = latinLetter;
        }
        if (cjk + latin == 0) {
            return OTHER;
        }
        double share = (double) cjk / (cjk + latin);
        return share >= 0.75 ? ZH : share <= 0.25 ? LATIN : MIXED;
    }

    /** Whether the text is mostly CJK: the language whose phrases a Chinese answer should use. */
    public static boolean isChinese(String text) {
        return ZH.equals(detect(text));
    }
}
