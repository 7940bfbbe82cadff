package org.align4j.reward.data;

import java.util.List;
import java.util.stream.Collectors;
import org.align4j.datasets.ChatMessage;

/**
 * The prompt of a pair or rating as the reward model reads it (the first segment of its sentence
 * pair): a single user message is its text; a conversation is one {@code role: text} line per turn, so
 * that truncation from the left drops the oldest turns and keeps the question being answered.
 */
public final class PromptText {
    private PromptText() {}

    public static String of(List<ChatMessage> prompt) {
        if (prompt.size() == 1 && prompt.get(0).role().equals(ChatMessage.USER)) {
            return prompt.get(0).content();
        }
        return prompt.stream().map(m -> m.role() + ": " + m.content()).collect(Collectors.joining("\n"));
    }
}
