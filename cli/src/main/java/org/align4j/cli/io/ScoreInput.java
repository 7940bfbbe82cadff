package org.align4j.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.align4j.core.model.ModelConfig;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.io.MessagesField;

/**
 * The lines of a scoring input file: {@code {"input_ids": [...]}}, {@code {"text": "..."}} or
 * {@code {"messages": [...]}} (a conversation ending with an assistant turn, rendered with the model's chat
 * template, its assistant tokens marked). Text and messages need the model's tokenizer. Every line is
 * validated before anything is scored; errors name the line.
 */
public final class ScoreInput {
    /**
     * One input line: the original JSON (echoed in the output), its token ids, and for a conversation which
     * tokens are the assistant's (null otherwise).
     */
    public record Row(int line, ObjectNode json, long[] ids, boolean[] assistant) {}

    private ScoreInput() {}

    /**
     * @param encoder text → ids, or null when the model has no tokenizer
     * @param conversations a conversation → its ids and assistant mask, or null when the model has no tokenizer
     * @param minTokens the fewest tokens a row may have (2 for log-probs: one to condition on, one to score)
     */
    public static List<Row> read(Path file, Function<String, long[]> encoder,
            Function<List<ChatMessage>, TokenizedSequence> conversations, int minTokens) {
        List<Row> rows = JsonLinesInput.read(file, l -> parse(l, encoder, conversations, minTokens));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no input lines");
        }
        return rows;
    }

    private static Row parse(JsonLinesInput.Line l, Function<String, long[]> encoder,
            Function<List<ChatMessage>, TokenizedSequence> conversations, int minTokens) {
        String where = l.where() + ": ";
        ObjectNode obj = l.json();
        long[] ids;
        boolean[] assistant = null;
        if (obj.has("input_ids")) {
            JsonNode arr = obj.get("input_ids");
            if (!arr.isArray()) {
                throw new IllegalArgumentException(where + "\"input_ids\" must be an array of integers");
            }
            ids = new long[arr.size()];
            for (int i = 0; i < ids.length; i++) {
                if (!arr.get(i).isIntegralNumber() || arr.get(i).asLong() < 0) {
                    throw new IllegalArgumentException(where + "\"input_ids\"[" + i + "] = " + arr.get(i)
                            + " is not a non-negative integer");
                }
                ids[i] = arr.get(i).asLong();
            }
        } else if (obj.has("text")) {
            if (!obj.get("text").isTextual()) {
                throw new IllegalArgumentException(where + "\"text\" must be a string");
            }
            if (encoder == null) {
                throw new IllegalArgumentException(where + "has \"text\" but the model directory has no tokenizer.json; "
                        + "give \"input_ids\" or add the tokenizer files to the model directory");
            }
            ids = encoder.apply(obj.get("text").asText());
        } else if (obj.has("messages")) {
            if (conversations == null) {
                throw new IllegalArgumentException(where + "has \"messages\" but the model directory has no tokenizer.json;"
                        + " give \"input_ids\" or add the tokenizer files to the model directory");
            }
            TokenizedSequence seq = conversations.apply(MessagesField.conversation(obj.get("messages"), l.where()));
            ids = longIds(seq.ids());
            assistant = seq.lossMask();
        } else {
            throw new IllegalArgumentException(where + "needs a field \"input_ids\" (array of token ids), \"text\" or"
                    + " \"messages\" (a conversation)");
        }
        if (ids.length < minTokens) {
            throw new IllegalArgumentException(where + "has " + ids.length + " tokens; at least " + minTokens + " are needed");
        }
        return new Row(l.number(), obj, ids, assistant);
    }

    /** Token ids from a tokenizer (int) as a row holds them (long). */
    public static long[] longIds(int[] ids) {
        return java.util.Arrays.stream(ids).asLongStream().toArray();
    }

    /**
     * Checks that every row fits {@code model}: its ids below the vocabulary size and no more of them than the
     * model's context; the error names the file and line.
     */
    public static void checkFits(Path file, List<Row> rows, ModelConfig model) {
        for (Row row : rows) {
            for (long id : row.ids()) {
                if (id >= model.vocabSize()) {
                    throw new IllegalArgumentException(file + ":" + row.line() + ": token id " + id
                            + " is outside the model's vocabulary (size " + model.vocabSize() + ")");
                }
            }
            if (row.ids().length > model.maxPositions()) {
                throw new IllegalArgumentException(file + ":" + row.line() + ": " + row.ids().length
                        + " tokens exceed the model's context of " + model.maxPositions() + "; shorten the line");
            }
        }
    }
}
