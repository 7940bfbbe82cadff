package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.InvalidRecordException;

/**
 * A {@code "messages"} field read outside a dataset file (the lines of {@code align score},
 * {@code align generate}, {@code align feedback enqueue}), checked by the same rules as a dataset's
 * conversations. Errors start with the given location, e.g. {@code chats.jsonl:3}.
 */
public final class MessagesField {
    private MessagesField() {}

    /** A whole conversation (ending with the assistant turn that is scored). */
    public static List<ChatMessage> conversation(JsonNode messages, String where) {
        try {
            return Conversations.requireTrainable(Fields.messages(messages, "messages"), "messages");
        } catch (InvalidRecordException e) {
            throw e.at(where);
        }
    }

    /** A prompt (ending with the user turn that the model answers). */
    public static List<ChatMessage> prompt(JsonNode messages, String where) {
        try {
            return Conversations.requirePrompt(Fields.messages(messages, "messages"), "messages");
        } catch (InvalidRecordException e) {
            throw e.at(where);
        }
    }
}
