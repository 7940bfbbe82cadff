package org.align4j.cli.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.align4j.cli.io.JsonLinesInput;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.io.MessagesField;

/**
 * Prompts for {@code align generate}: JSON lines with {@code {"prompt": "text"}}, {@code {"messages": [...]}}
 * (a conversation ending with a user turn, answered after the chat template's generation prompt) or
 * {@code {"input_ids": [...]}} (no other fields). Every line is checked before anything is generated;
 * errors name the file and line.
 */
final class PromptInput {
    /**
     * A prompt: its text (null when given as ids or messages), its token ids, and whether it is a conversation
     * rendered with the chat template.
     */
    record Prompt(String where, String text, int[] ids, boolean conversation) {}

    private PromptInput() {}

    /**
     * @param encoder text → ids, or null when the model has no tokenizer
     * @param conversations a conversation → the ids of its generation prompt, or null when there is no template
     */
    static List<Prompt> read(Path file, Function<String, int[]> encoder,
            Function<List<ChatMessage>, int[]> conversations) {
        List<Prompt> out = JsonLinesInput.read(file, l -> parse(l.where(), l.json(), encoder, conversations));
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts (each line needs {\"prompt\": ...}, {\"messages\": [...]} or {\"input_ids\": [...]})");
        }
        return out;
    }

    /** A prompt given as text on the command line. */
    static Prompt text(String text, Function<String, int[]> encoder) {
        return fromText("--prompt", text, encoder);
    }

    private static Prompt parse(String where, ObjectNode node, Function<String, int[]> encoder,
            Function<List<ChatMessage>, int[]> conversations) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("prompt") && !f.equals("input_ids") && !f.equals("messages")) {
                throw new IllegalArgumentException(where + ": unknown field \"" + f
                        + "\"; a line holds \"prompt\" (text), \"messages\" (a conversation) or \"input_ids\" (token ids)");
            }
        }
        if (node.size() > 1) {
            throw new IllegalArgumentException(where + ": give one of \"prompt\", \"messages\" or \"input_ids\", not"
                    + " several");
        }
        if (node.has("messages")) {
            return fromConversation(where, node.get("messages"), conversations);
        }
        if (node.has("prompt")) {
            if (!node.get("prompt").isTextual()) {
                throw new IllegalArgumentException(where + ": \"prompt\" must be a string");
            }
            return fromText(where, node.get("prompt").asText(), encoder);
        }
        JsonNode arr = node.get("input_ids");
        if (arr == null || !arr.isArray()) {
            throw new IllegalArgumentException(where + ": needs \"prompt\" (text) or \"input_ids\" (an array of token ids)");
        }
        int[] ids = new int[arr.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = arr.get(i);
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                throw new IllegalArgumentException(where + ": \"input_ids\"[" + i + "] = " + v + " is not a token id");
            }
            ids[i] = v.asInt();
        }
        if (ids.length == 0) {
            throw new IllegalArgumentException(where + ": \"input_ids\" is empty; give at least one token");
        }
        return new Prompt(where, null, ids, false);
    }

    private static Prompt fromConversation(String where, JsonNode messages, Function<List<ChatMessage>, int[]> encoder) {
        if (encoder == null) {
            throw new IllegalArgumentException(where + ": \"messages\" need the model's tokenizer and a chat template;"
                    + " drop --template none, or give {\"input_ids\": [...]}");
        }
        return new Prompt(where, null, encoder.apply(MessagesField.prompt(messages, where)), true);
    }

    private static Prompt fromText(String where, String text, Function<String, int[]> encoder) {
        if (encoder == null) {
            throw new IllegalArgumentException(where + ": a text prompt needs the model's tokenizer, but the model "
                    + "directory has no tokenizer.json; give {\"input_ids\": [...]} lines with --input instead");
        }
        int[] ids = encoder.apply(text);
        if (ids.length == 0) {
            throw new IllegalArgumentException(where + ": the prompt encodes to no tokens; give a non-empty prompt");
        }
        return new Prompt(where, text, ids, false);
    }
}
