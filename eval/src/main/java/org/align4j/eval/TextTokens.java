package org.align4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the units that ROUGE and BLEU compare, for Chinese and English alike: each CJK
 * character is a unit (as in Chinese BLEU/ROUGE practice), runs of letters or digits are lower-cased
 * words, punctuation and spaces separate.
 */
public final class TextTokens {
    private TextTokens() {}

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
            }
        });
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
