package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.InvalidRecordException;

/** Reads typed fields from a JSON object, throwing {@link InvalidRecordException} with a fix on bad input. */
final class Fields {
    private Fields() {}

    /** Rejects any key not in {@code allowed}: unknown keys are errors (often a typo of a known one). */
    static void requireKnownKeys(ObjectNode node, List<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRecordException(where + "unknown field \"" + name + "\"",
                        "allowed fields: " + String.join(", ", allowed));
            }
        }
    }

    /** A field that must be there, of any type; null counts as missing. */
    static JsonNode required(ObjectNode node, String field, String fix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidRecordException("\"" + field + "\" is missing", fix);
        }
        return v;
    }

    /** A required string; null counts as missing. */
    static String requiredString(ObjectNode node, String field, String fix) {
        return string(required(node, field, fix), field, fix);
    }

    /** An optional string; absent or null gives {@code null}. */
    static String optionalString(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : string(v, field, "give a string or leave the field out");
    }

    /** An optional string that may be empty (Alpaca's "input"); absent or null gives "". */
    static String optionalPossiblyEmptyString(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new InvalidRecordException("\"" + field + "\" is " + Json.describe(v) + ", not a string",
                    "give a string (it may be empty) or leave the field out");
        }
        return v.textValue();
    }

    /** A required number; null counts as missing. */
    static double requiredNumber(ObjectNode node, String field, String fix) {
        return number(required(node, field, fix), field, fix);
    }

    /** An optional number; absent or null gives {@code null}. */
    static Double optionalNumber(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return number(v, field, "give a number or leave the field out");
    }

    private static double number(JsonNode v, String field, String fix) {
        if (!v.isNumber()) {
            throw new InvalidRecordException(
                    "\"" + field + "\" is " + Json.describe(v) + ", not a number", fix);
        }
        return v.doubleValue();
    }

    private static String string(JsonNode v, String field, String fix) {
        if (!v.isTextual()) {
            throw new InvalidRecordException("\"" + field + "\" is " + Json.describe(v) + ", not a string", fix);
        }
        if (v.textValue().isBlank()) {
            throw new InvalidRecordException("\"" + field + "\" is empty", fix);
        }
        return v.textValue();
    }

    /** A list of {"role", "content"} objects. */
    static List<ChatMessage> messages(JsonNode v, String field) {
        if (!v.isArray()) {
            throw new InvalidRecordException("\"" + field + "\" is " + Json.describe(v) + ", not an array",
                    "give a list of {\"role\", \"content\"} objects");
        }
        List<ChatMessage> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(message(v.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static ChatMessage message(JsonNode v, String where) {
        if (!v.isObject()) {
            throw new InvalidRecordException("\"" + where + "\" is " + Json.describe(v) + ", not an object",
                    "give a {\"role\", \"content\"} object");
        }
        ObjectNode o = (ObjectNode) v;
        requireKnownKeys(o, List.of("role", "content"), where + ": ");
        try {
            return new ChatMessage(
                    requiredString(o, "role", "give one of system, user, assistant"),
                    requiredString(o, "content", "give the text of the turn"));
        } catch (InvalidRecordException e) {
            throw e.at(where);
        }
    }

    /**
     * A prompt: a plain string (one user message) or a message list. The list is checked by the record.
     */
    static List<ChatMessage> prompt(ObjectNode node, String field) {
        JsonNode v = required(node, field, "give the user's question");
        if (v.isArray()) {
            return messages(v, field);
        }
        return List.of(ChatMessage.user(requiredString(node, field, "give the user's question")));
    }

    /** An answer: a plain string or a list holding exactly one assistant message. */
    static String answer(ObjectNode node, String field, String fix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            return requiredString(node, field, fix);
        }
        List<ChatMessage> list = messages(v, field);
        if (list.size() != 1) {
            throw new InvalidRecordException("\"" + field + "\" holds " + list.size() + " messages",
                    "give the answer as one assistant message (or a string); put earlier turns in \"prompt\"");
        }
        if (!list.get(0).isAssistant()) {
            throw new InvalidRecordException("\"" + field + "\"[0] is a " + list.get(0).role() + " message",
                    "the answer must be an assistant message");
        }
        return list.get(0).content();
    }

    static ArrayNode toJson(List<ChatMessage> messages) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (ChatMessage m : messages) {
            a.addObject().put("role", m.role()).put("content", m.content());
        }
        return a;
    }

    /**
     * Writes {@code prompt} under {@code "prompt"} the plainest way that keeps it: a string when it is one user message,
     * else its message list.
     *
     * @return whether it was written as a string; its answers then are strings too ({@link #putAnswer})
     */
    static boolean putPrompt(ObjectNode o, List<ChatMessage> prompt) {
        String plain = Conversations.plainUserText(prompt);
        if (plain != null) {
            o.put("prompt", plain);
        } else {
            o.set("prompt", toJson(prompt));
        }
        return plain != null;
    }

    /** Writes an answer in its prompt's form: a string beside a plain prompt, else one assistant message in a list. */
    static void putAnswer(ObjectNode o, String field, String answer, boolean plainPrompt) {
        if (plainPrompt) {
            o.put(field, answer);
        } else {
            o.set(field, toJson(List.of(ChatMessage.assistant(answer))));
        }
    }

    static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /** Puts {@code value} as a number unless it is {@code null} (an optional number left out). */
    static void putIfPresent(ObjectNode o, String field, Double value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
