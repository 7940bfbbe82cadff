package org.align4j.cli.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.io.JsonRow;
import org.align4j.datasets.io.JsonRowReader;

/**
 * Answers to score as the reward model was trained to read them, a prompt and an answer per line:
 * {@code {"prompt", "response"}} (the ratings layout: one score) or {@code {"prompt", "chosen", "rejected"}}
 * (the pairs layout: a score for each answer). Every line is checked before anything is scored.
 */
final class AnswerInput {
    /** A line: its JSON (echoed), the prompt, and the answers to score (one or two). */
    record Row(ObjectNode json, String prompt, List<String> answers) {
        boolean pair() {
            return answers.size() == 2;
        }
    }

    private AnswerInput() {}

    /** Whether {@code file}'s first readable line has a {@code "prompt"} (else it holds token ids or texts). */
    static boolean applies(Path file) {
        try (JsonRowReader r = JsonRowReader.open(file)) {
            while (r.hasNext()) {
                JsonRow row = r.next();
                if (row.isReadable()) {
                    return row.json().has("prompt");
                }
            }
        }
        return false;
    }

    static List<Row> read(Path file) {
        List<Row> out = new ArrayList<>();
        try (JsonRowReader r = JsonRowReader.open(file)) {
            while (r.hasNext()) {
                JsonRow row = r.next();
                String where = file + ":" + row.line() + ": ";
                if (!row.isReadable()) {
                    throw new IllegalArgumentException(where + row.problem().message() + " (" + row.problem().fix() + ")");
                }
                ObjectNode j = row.json();
                String prompt = text(j, "prompt", where);
                if (j.has("response")) {
                    out.add(new Row(j, prompt, List.of(text(j, "response", where))));
                } else if (j.has("chosen") && j.has("rejected")) {
                    out.add(new Row(j, prompt, List.of(text(j, "chosen", where), text(j, "rejected", where))));
                } else {
                    throw new IllegalArgumentException(where + "needs \"response\" (or \"chosen\" and \"rejected\")"
                            + " beside \"prompt\"");
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no input lines");
        }
        return out;
    }

    private static String text(ObjectNode j, String field, String where) {
        JsonNode v = j.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "\"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }
}
