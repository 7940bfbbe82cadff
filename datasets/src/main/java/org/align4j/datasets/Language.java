package org.align4j.datasets;

import org.align4j.datasets.collate.ApproximateTokenCounter;

/**
 * Tells Chinese (CJK script) text from Latin-script text by counting letters of each script. It tells
 * scripts apart, not languages: French counts as {@link #LATIN}.
 */
public final class Language {
    /** Mostly CJK characters. */
    public static final String ZH = "zh";
    /** Mostly Latin letters (English in the bundled data). */
    public static final String LATIN = "latin";
    /** Both scripts, neither above 75%. */
    public static final String MIXED = "mixed";
    /** No CJK or Latin letters at all. */
    public static final String OTHER = "other";

    private Language() {}

    /** {@link #ZH}, {@link #LATIN}, {@link #MIXED} or {@link #OTHER}. */
    public static String detect(String text) {
        long cjk = 0;
        long latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (ApproximateTokenCounter.isCjk(cp) && Character.isLetter(cp)) {
                cjk++;
            } else if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                latin++;
            }
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
