package org.align4j.cli.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The questions to answer for the doctors' queue, one JSON object a line: {@code {"prompt": "..."}}, or
 * an SFT row ({@code instruction}/{@code input}, or {@code messages}: the first user turn), or a
 * preference pair (its prompt). Duplicates are dropped; every line is checked before anything runs.
 */
final class EnqueuePrompts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnqueuePrompts() {}

    static List<String> read(Path file) {
        LinkedHashSet<String> prompts = new LinkedHashSet<>();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    prompts.add(prompt(file, n, line));
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not valid UTF-8; re-encode it as UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts (expected one JSON object a line)");
        }
        return new ArrayList<>(prompts);
    }

    private static String prompt(Path file, int line, String text) {
        String where = file + ":" + line + ": ";
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "malformed JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
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
