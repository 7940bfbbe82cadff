package org.align4j.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * The structural rules every conversation follows: an optional system message first, then user and
 * assistant turns alternating, starting with the user.
 */
public final class Conversations {
    private Conversations() {}

    /**
     * Checks a training conversation (it must end with an assistant turn, which is what is trained on) and
     * returns an immutable copy.
     */
    public static List<ChatMessage> requireTrainable(List<ChatMessage> messages, String field) {
        List<ChatMessage> copy = requireAlternating(messages, field);
        if (!copy.get(copy.size() - 1).isAssistant()) {
            throw new InvalidRecordException(
                    "\"" + field + "\" ends with a " + copy.get(copy.size() - 1).role() + " turn",
                    "end the conversation with the assistant's answer; only assistant turns are trained on");
        }
        return copy;
    }

    /** Checks a prompt (it must end with a user turn, which the answer responds to) and returns a copy. */
    public static List<ChatMessage> requirePrompt(List<ChatMessage> messages, String field) {
        List<ChatMessage> copy = requireAlternating(messages, field);
        if (!ChatMessage.USER.equals(copy.get(copy.size() - 1).role())) {
            throw new InvalidRecordException(
                    "\"" + field + "\" ends with a " + copy.get(copy.size() - 1).role() + " turn",
                    "end the prompt with the user's message that the answer responds to");
        }
        return copy;
    }

    private static List<ChatMessage> requireAlternating(List<ChatMessage> messages, String field) {
        if (messages == null) {
            throw new InvalidRecordException("\"" + field + "\" is missing", "give a list of messages");
        }
        if (messages.isEmpty()) {
            throw new InvalidRecordException("\"" + field + "\" is empty", "give at least one user message");
        }
        List<ChatMessage> copy = new ArrayList<>(messages.size());
        String expected = ChatMessage.USER;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m == null) {
                throw new InvalidRecordException(
                        "\"" + field + "\"[" + i + "] is null", "give a {\"role\", \"content\"} object");
            }
            if (m.role().equals(ChatMessage.SYSTEM)) {
                if (i != 0) {
                    throw new InvalidRecordException(
                            "\"" + field + "\"[" + i + "] is a system message after the first turn",
                            "put the system message first, or merge it into the first one");
                }
            } else if (!m.role().equals(expected)) {
                throw new InvalidRecordException(
                        "\"" + field + "\"[" + i + "] is a " + m.role() + " turn where a " + expected
                                + " turn was expected",
                        "alternate user and assistant turns, starting with the user");
            } else {
                expected = expected.equals(ChatMessage.USER) ? ChatMessage.ASSISTANT : ChatMessage.USER;
            }
            copy.add(m);
        }
        if (copy.size() == 1 && copy.get(0).role().equals(ChatMessage.SYSTEM)) {
            throw new InvalidRecordException(
                    "\"" + field + "\" holds only a system message", "add the user's message after it");
        }
        return List.copyOf(copy);
    }

    /**
     * What makes two rows "the same prompt" wherever rows are held out (a seeded split by prompt, the refresh
     * job's hash): its system and user turns, in order, each with its role. So a system prompt plus a user turn
     * is a different prompt from the same user turn alone. Assistant turns are left out: in an SFT conversation
     * they are the answers being trained, and in a multi-turn prompt they are earlier answers, so conversations
     * asking the same things are one prompt whatever was answered (which also lets an SFT conversation, answers
     * and all, be passed as it is).
     *
     * <p>The key is each system or user turn written as {@code role length:content} ({@code length} in Java
     * chars), joined by newlines, e.g. {@code "system 8:be brief\nuser 2:hi"}; the lengths make it
     * unambiguous whatever the contents hold.
     *
     * @param conversation a prompt, or a whole conversation whose assistant turns are ignored
     */
    public static String promptKey(List<ChatMessage> conversation) {
        StringBuilder key = new StringBuilder();
        for (ChatMessage m : conversation) {
            if (m.isAssistant()) {
                continue;
            }
            if (key.length() > 0) {
                key.append('\n');
            }
            key.append(m.role()).append(' ').append(m.content().length()).append(':').append(m.content());
        }
        return key.toString();
    }

    /** The prompt as a single user message when it is one, else {@code null}. */
    public static String plainUserText(List<ChatMessage> prompt) {
        return prompt.size() == 1 && prompt.get(0).role().equals(ChatMessage.USER) ? prompt.get(0).content() : null;
    }

    /** The last user message's text: what a reader of the prompt sees as "the question". */
    public static String lastUserText(List<ChatMessage> prompt) {
        for (int i = prompt.size() - 1; i >= 0; i--) {
            if (prompt.get(i).role().equals(ChatMessage.USER)) {
                return prompt.get(i).content();
            }
        }
        throw new IllegalArgumentException("the prompt has no user message: " + prompt);
    }
}
