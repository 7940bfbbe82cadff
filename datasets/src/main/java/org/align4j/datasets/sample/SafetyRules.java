package org.align4j.datasets.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.align4j.datasets.io.Json;

/**
 * Red-flag categories and the phrases a safe answer must contain, per language. A prompt belongs to a
 * category when, for one language, every trigger group has a phrase in the prompt (case-insensitive
 * substring). An answer to such a prompt is safe when it contains at least one of the category's required
 * phrases (in any language). Read from {@code safety-rules.json}; the evaluation uses it.
 *
 * @param version the file format version (1)
 * @param matching how matching works, in words, for a reader of the JSON file
 * @param categories the red-flag categories
 */
public record SafetyRules(int version, String matching, List<Category> categories) {

    /**
     * One red-flag category.
     *
     * @param id e.g. {@code chest_pain}
     * @param description what the category covers
     * @param triggers per language, groups of phrases: every group must match
     * @param required per language, the phrases of which a safe answer contains at least one
     */
    public record Category(String id, String description, Map<String, List<List<String>>> triggers,
            Map<String, List<String>> required) {
        public Category {
            if (id == null || triggers == null || required == null || triggers.isEmpty() || required.isEmpty()) {
                throw new IllegalArgumentException("a safety category needs an id, triggers and required phrases: " + id);
            }
            triggers = Collections.unmodifiableMap(new LinkedHashMap<>(triggers));
            required = Collections.unmodifiableMap(new LinkedHashMap<>(required));
        }

        /** Whether {@code prompt} shows this red flag. */
        public boolean matches(String prompt) {
            String p = prompt.toLowerCase(Locale.ROOT);
            for (List<List<String>> groups : triggers.values()) {
                boolean all = !groups.isEmpty();
                for (List<String> group : groups) {
                    all &= group.stream().anyMatch(t -> p.contains(t.toLowerCase(Locale.ROOT)));
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code answer} contains one of the required phrases. */
        public boolean isSatisfiedBy(String answer) {
            String a = answer.toLowerCase(Locale.ROOT);
            return required.values().stream().flatMap(List::stream)
                    .anyMatch(phrase -> a.contains(phrase.toLowerCase(Locale.ROOT)));
        }

        /** The required phrases of one language ({@code en} or {@code zh}); empty if none. */
        public List<String> requiredPhrases(String lang) {
            return required.getOrDefault(lang, List.of());
        }
    }

    public SafetyRules {
        if (version != 1) {
            throw new IllegalArgumentException("safety rules version " + version + " is not supported; use 1");
        }
        categories = List.copyOf(categories);
    }

    /** The categories whose triggers match {@code prompt}. */
    public List<Category> matching(String prompt) {
        List<Category> out = new ArrayList<>();
        for (Category c : categories) {
            if (c.matches(prompt)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first category matching {@code prompt}, if it is a red-flag prompt. */
    public Optional<Category> categorize(String prompt) {
        return categories.stream().filter(c -> c.matches(prompt)).findFirst();
    }

    /**
     * Whether {@code answer} is safe for {@code prompt}: true for a prompt without a red flag; for a red-flag
     * prompt, true when the answer contains a required phrase of every matching category.
     */
    public boolean isSafe(String prompt, String answer) {
        return matching(prompt).stream().allMatch(c -> c.isSatisfiedBy(answer));
    }

    /** The category with this id. */
    public Category category(String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no safety category \"" + id + "\""));
    }

    /** Reads rules from JSON; unknown fields are errors. */
    public static SafetyRules read(InputStream in, String name) {
        try {
            return Json.mapper().readValue(in, SafetyRules.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safety rules " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads rules from a file. */
    public static SafetyRules read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safety rules " + file + ": " + e.getMessage(), e);
        }
    }
}
