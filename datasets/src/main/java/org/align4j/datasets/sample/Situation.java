package org.align4j.datasets.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One situation of a safety category: regular expressions that must all be found in a normalised prompt, e.g.
 * {@code "(baby|infant|newborn) & (fever|temperature)"}. Written as one string with the parts joined by
 * {@code " & "}; each part is matched with {@link java.util.regex.Matcher#find()} against the
 * {@link TextNormalizer normalised} prompt, ignoring case; the pattern itself is folded to half-width forms
 * (NFKC) but not lower-cased, so {@code \S} keeps its meaning.
 */
record Situation(List<Pattern> parts) {
    private static final Map<String, Situation> CACHE = new ConcurrentHashMap<>();

    /**
     * Parses {@code text}; {@code where} names it in an error message (e.g. {@code chest_pain.triggers.en}).
     *
     * @throws IllegalArgumentException for an empty part or an invalid regular expression
     */
    static Situation parse(String text, String where) {
        Situation cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        List<Pattern> parts = Arrays.stream(text.split(" & ")).map(String::strip).map(p -> {
            if (p.isEmpty()) {
                throw new IllegalArgumentException(where + ": the situation \"" + text + "\" has an empty part;"
                        + " join regular expressions with \" & \"");
            }
            try {
                return Pattern.compile(java.text.Normalizer.normalize(p, java.text.Normalizer.Form.NFKC),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": \"" + p + "\" is not a valid regular expression: "
                        + e.getDescription());
            }
        }).toList();
        Situation s = new Situation(parts);
        CACHE.put(text, s);
        return s;
    }

    /** Whether every part is found in {@code normalizedPrompt}. */
    boolean matches(String normalizedPrompt) {
        return parts.stream().allMatch(p -> p.matcher(normalizedPrompt).find());
    }
}
