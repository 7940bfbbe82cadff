package org.align4j.feedback.export;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.align4j.feedback.FeedbackStore;

/** The answers doctors marked unsafe, by prompt: what the refresh gate refuses to see a candidate say again. */
public final class UnsafeAnswers {
    private UnsafeAnswers() {}

    /** Prompt text → the texts of the answers to it that some doctor marked unsafe, oldest first. */
    public static Map<String, Set<String>> byPrompt(FeedbackStore store) {
        record Row(String prompt, String answer) {}
        Map<String, Set<String>> out = new LinkedHashMap<>();
        store.sql().read(tx -> tx.list("SELECT p.text, s.text FROM ratings r JOIN responses s ON s.id = r.response_id"
                        + " JOIN prompts p ON p.id = s.prompt_id WHERE r.unsafe ORDER BY r.id",
                rs -> new Row(rs.getString(1), rs.getString(2))))
                .forEach(r -> out.computeIfAbsent(r.prompt(), k -> new LinkedHashSet<>()).add(r.answer()));
        return out;
    }

    /** Whether {@code answer} is {@code flagged} up to surrounding and repeated white space. */
    public static boolean same(String answer, String flagged) {
        return normalise(answer).equals(normalise(flagged));
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
