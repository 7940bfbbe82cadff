package org.align4j.datasets.sample;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalisation the safety rules apply to prompts, answers and their own phrases before comparing:
 * Unicode NFKC (full-width letters, digits and punctuation fold to their half-width forms, so "，" and ","
 * or "ＣＴ" and "CT" compare equal), lower case, and every run of white space as one space.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static String normalize(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return t.replaceAll("\\s+", " ").strip();
    }
}
