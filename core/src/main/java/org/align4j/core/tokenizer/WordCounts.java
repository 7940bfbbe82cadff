package org.align4j.core.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Counts the words of a training corpus. Special tokens written literally in the text (such as
 * {@code <|im_start|>} in chat-formatted data) are cut out first, as Hugging Face does, so merges are not
 * learned from their pieces.
 */
final class WordCounts {
    private final Map<String, long[]> counts = new HashMap<>();
    private final Pattern specials;
    private long total;

    /** @param specialTokens tokens to cut out of the text before splitting it into words */
    WordCounts(List<String> specialTokens) {
        this.specials = specialTokens.isEmpty()
                ? null
                : Pattern.compile(specialTokens.stream()
                        .sorted((a, b) -> Integer.compare(b.length(), a.length()))
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|")));
    }

    /** Splits {@code text} around special tokens and passes each piece to {@code splitter}. */
    void addText(String text, BiConsumer<String, Consumer<String>> splitter) {
        if (specials == null) {
            splitter.accept(text, this::add);
            return;
        }
        Matcher m = specials.matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                splitter.accept(text.substring(from, m.start()), this::add);
            }
            from = m.end();
        }
        if (from < text.length()) {
            splitter.accept(text.substring(from), this::add);
        }
    }

    void add(String word) {
        counts.computeIfAbsent(word, w -> new long[1])[0]++;
        total++;
    }

    /** Distinct words, sorted so that training is deterministic. */
    String[] sortedWords() {
        return counts.keySet().stream().sorted().toArray(String[]::new);
    }

    long count(String word) {
        return counts.get(word)[0];
    }

    int distinct() {
        return counts.size();
    }

    /** Words seen, counting repeats. */
    long total() {
        return total;
    }
}
