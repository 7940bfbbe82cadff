package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.datasets.Problem;

/**
 * One row of a data file: the JSON object that starts on {@code line}, or the problem that kept it from
 * being read.
 *
 * @param file the file's display name
 * @param line the 1-based line the row starts on
 * @param json the object, or {@code null} when {@code problem} is set
 * @param problem why the row could not be read, or {@code null}
 */
public record JsonRow(String file, long line, ObjectNode json, Problem problem) {
    public JsonRow {
        if ((json == null) == (problem == null)) {
            throw new IllegalArgumentException("a row has either json or a problem: line " + line);
        }
    }

    static JsonRow of(String file, long line, JsonNode json) {
        return new JsonRow(file, line, (ObjectNode) json, null);
    }

    static JsonRow failed(String file, long line, String message, String fix) {
        return new JsonRow(file, line, null, new Problem(file, line, message, fix));
    }

    public boolean isReadable() {
        return json != null;
    }
}
