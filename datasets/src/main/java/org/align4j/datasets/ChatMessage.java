package org.align4j.datasets;

import java.util.List;

/**
 * One turn of a conversation.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text of the turn; not blank
 */
public record ChatMessage(String role, String content) {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    /** The roles a message may have, in the order they are documented. */
    public static final List<String> ROLES = List.of(SYSTEM, USER, ASSISTANT);

    public ChatMessage {
        if (role == null) {
            throw new InvalidRecordException("\"role\" is missing", "give one of system, user, assistant");
        }
        if (!ROLES.contains(role)) {
            throw new InvalidRecordException(
                    "\"role\" is \"" + role + "\"", "use one of system, user, assistant");
        }
        InvalidRecordException.requireText(content, "content", "give the text of the " + role + " turn");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content);
    }

    public boolean isAssistant() {
        return ASSISTANT.equals(role);
    }
}
