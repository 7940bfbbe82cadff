package org.align4j.core.tokenizer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Java rendering of Hugging Face's {@code BertNormalizer} (clean text, spaces around Chinese characters,
 * optional accent stripping and lower-casing) followed by {@code BertPreTokenizer} (split on whitespace,
 * every punctuation character its own word). {@link WordPieceTrainer} counts words with it; the
 * {@code tokenizer.json} it writes names the same normalizer and pre-tokenizer, so the library that
 * encodes later sees the same words.
 */
final class BertTextSplitter {
    private final boolean lowercase;

    /** @param lowercase lower-case and strip accents (BERT "uncased"); Chinese is unaffected */
    BertTextSplitter(boolean lowercase) {
        this.lowercase = lowercase;
    }

    /** The text after BertNormalizer. */
    String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (isChinese(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        if (lowercase) {
            s = stripAccents(s).toLowerCase(Locale.ROOT);
        }
        return s;
    }

    /** Normalizes {@code text} and passes each word to {@code sink}. */
    void split(String text, Consumer<String> sink) {
        String s = normalize(text);
        int start = -1;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (start >= 0) {
                    sink.accept(s.substring(start, i));
                    start = -1;
                }
                if (!isWhitespace(cp)) {
                    sink.accept(s.substring(i, next));
                }
            } else if (start < 0) {
                start = i;
            }
            i = next;
        }
        if (start >= 0) {
            sink.accept(s.substring(start));
        }
    }

    private static String stripAccents(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(nfd.length());
        nfd.codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Rust's {@code char::is_whitespace} (Unicode White_Space) plus tab, newline, carriage return. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** Unicode "other" categories (Cc, Cf, Cs, Co, Cn), except tab, newline and carriage return. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** The CJK ideograph blocks BERT separates into single-character words. */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** ASCII punctuation (including symbols such as $ + < = > ^ ` | ~) or a Unicode P* character. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }
}
