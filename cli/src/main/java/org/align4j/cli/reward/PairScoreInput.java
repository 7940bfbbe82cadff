package org.align4j.cli.reward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.io.JsonLinesInput;

/**
 * Lines {@code {"prompt": ..., "response": ...}} to score with a reward model as a sentence pair, the way it
 * was trained. Other fields are kept and echoed. Every line is checked before anything is scored.
 */
final class PairScoreInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line: the original JSON, its prompt and its response. */
    record Row(int line, ObjectNode json, String prompt, String response) {}

    private PairScoreInput() {}

    /** Whether the first non-blank line of {@code file} has a {@code prompt} field (pair input). */
    static boolean isPairInput(Path file) {
        for (String s : lines(file)) {
            if (!s.isBlank()) {
                try {
                    return JSON.readTree(s) instanceof ObjectNode o && o.has("prompt");
                } catch (JsonProcessingException e) {
                    return false; // the other reader reports the malformed line with its number
                }
            }
        }
        return false;
    }

    static List<Row> read(Path file) {
        List<Row> rows = JsonLinesInput.read(file, PairScoreInput::parse);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no input lines");
        }
        return rows;
    }

    private static Row parse(JsonLinesInput.Line l) {
        String where = l.where() + ": ";
        if (!(l.json() instanceof ObjectNode obj)) {
            throw new IllegalArgumentException(where + "expected a JSON object {\"prompt\": ..., \"response\": ...}");
        }
        return new Row(l.number(), obj, text(obj, "prompt", where, true), text(obj, "response", where, false));
    }

    private static String text(ObjectNode obj, String field, String where, boolean emptyAllowed) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "needs a string field \"" + field + "\" (every line of a "
                    + "prompt/response file has both)");
        }
        if (!emptyAllowed && v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "\"" + field + "\" is empty; give the answer to score");
        }
        return v.asText();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ": is not valid UTF-8; re-encode it as UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
