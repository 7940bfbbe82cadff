package org.align4j.cli.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.align4j.cli.io.JsonLinesInput;

/**
 * The questions to answer for the doctors' queue, one JSON object a line: {@code {"prompt": "..."}}, or
 * an SFT row ({@code instruction}/{@code input}, or {@code messages}: the first user turn), or a
 * preference pair (its prompt). Duplicates are dropped; every line is checked before anything runs.
 */
final class EnqueuePrompts {
    private EnqueuePrompts() {}

    static List<String> read(Path file) {
        LinkedHashSet<String> prompts = new LinkedHashSet<>(JsonLinesInput.read(file, EnqueuePrompts::prompt));
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts (expected one JSON object a line)");
        }
        return new ArrayList<>(prompts);
    }

    private static String prompt(JsonLinesInput.Line line) {
        String where = line.where() + ": ";
        JsonNode n = line.json();
        if (n.path("prompt").isTextual() && !n.get("prompt").asText().isBlank()) {
            return n.get("prompt").asText();
        }
        if (n.path("prompt").isArray() || n.path("messages").isArray()) {
            JsonNode msgs = n.has("prompt") ? n.get("prompt") : n.get("messages");
            for (JsonNode m : msgs) {
                if ("user".equals(m.path("role").asText()) && !m.path("content").asText().isBlank()) {
                    return m.get("content").asText();
                }
            }
        }
        if (n.path("instruction").isTextual() && !n.get("instruction").asText().isBlank()) {
            String input = n.path("input").asText("");
            return input.isBlank() ? n.get("instruction").asText() : n.get("instruction").asText() + "\n\n" + input;
        }
        throw new IllegalArgumentException(where + "needs a non-empty \"prompt\" (text or messages), \"instruction\" "
                + "or \"messages\" with a user turn");
    }
}
