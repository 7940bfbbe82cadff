package org.align4j.cli.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.io.JsonLinesInput;

/**
 * Lines {@code {"prompt": ..., "response": ...}} to score with a reward model as a sentence pair, the way it
 * was trained. Other fields are kept and echoed. Every line is checked before anything is scored.
 */
final class PairScoreInput {
    /** One line: the original JSON, its prompt and its response. */
    record Row(int line, ObjectNode json, String prompt, String response) {}

    private PairScoreInput() {}

    /**
     * Whether the first non-blank line of {@code file} is an object with a {@code prompt} field (pair input); a
     * malformed or non-UTF-8 first line is reported here, as {@link JsonLinesInput} reports it.
     */
    static boolean isPairInput(Path file) {
        JsonLinesInput.Line first = JsonLinesInput.first(file);
        return first != null && first.json().has("prompt");
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
        ObjectNode obj = l.json();
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
}
