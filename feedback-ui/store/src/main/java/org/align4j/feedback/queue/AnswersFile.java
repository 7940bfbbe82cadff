package org.align4j.feedback.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.io.JsonRow;
import org.align4j.datasets.io.JsonRowReader;

/**
 * Reads pre-generated answers to put in the queue, one JSON object a line:
 * {@code {"prompt": "...", "answers": ["...", "..."], "generation_settings": {"temperature": 0.7}}}
 * ({@code generation_settings} optional). The whole file is checked before anything is returned:
 * any problem fails the read with {@code file:line: what is wrong}, so a bad file enqueues nothing.
 */
public final class AnswersFile {
    private static final Set<String> FIELDS = Set.of("prompt", "answers", "generation_settings");
    private static final int MAX_PROBLEMS = 20;

    /** One line of the file. */
    public record Row(String prompt, List<String> answers, String generationSettingsJson) {
        public Row {
            answers = List.copyOf(answers);
        }
    }

    private AnswersFile() {}

    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JsonRowReader reader = JsonRowReader.open(file)) {
            while (reader.hasNext() && problems.size() < MAX_PROBLEMS) {
                JsonRow row = reader.next();
                if (!row.isReadable()) {
                    problems.add(row.problem().toString());
                    continue;
                }
                String where = row.file() + ":" + row.line() + ": ";
                String problem = check(row.json());
                if (problem != null) {
                    problems.add(where + problem);
                    continue;
                }
                List<String> answers = new ArrayList<>();
                row.json().get("answers").forEach(a -> answers.add(a.asText()));
                JsonNode settings = row.json().get("generation_settings");
                rows.add(new Row(row.json().get("prompt").asText(), answers, settings == null ? "{}" : settings.toString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows; give one {\"prompt\", \"answers\"} object a line");
        }
        return rows;
    }

    private static String check(ObjectNode json) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return "unknown field \"" + name + "\" (allowed: prompt, answers, generation_settings)";
            }
        }
        JsonNode prompt = json.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
            return "\"prompt\" must be a non-empty string";
        }
        JsonNode answers = json.get("answers");
        if (answers == null || !answers.isArray() || answers.isEmpty()) {
            return "\"answers\" must be a non-empty array of strings";
        }
        for (JsonNode a : answers) {
            if (!a.isTextual()) {
                return "\"answers\" must contain strings only, found " + a.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        JsonNode settings = json.get("generation_settings");
        if (settings != null && !settings.isObject()) {
            return "\"generation_settings\" must be an object like {\"temperature\": 0.7}";
        }
        return null;
    }
}
