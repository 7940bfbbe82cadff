package org.align4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationsTest {
    @Test
    void aPromptKeyIsEachSystemOrUserTurnAsRoleLengthAndContentOnALine() {
        assertThat(Conversations.promptKey(List.of(ChatMessage.user("hi")))).isEqualTo("user 2:hi");
        assertThat(Conversations.promptKey(List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"))))
                .isEqualTo("system 8:be brief\nuser 2:hi");
    }

    @Test
    void aSystemPromptMakesADifferentPromptAndSoDoesTheRoleOfATurn() {
        String alone = Conversations.promptKey(List.of(ChatMessage.user("hi")));
        String withSystem = Conversations.promptKey(List.of(ChatMessage.system("be brief"), ChatMessage.user("hi")));
        String asUser = Conversations.promptKey(List.of(ChatMessage.user("be brief"), ChatMessage.assistant("ok"),
                ChatMessage.user("hi")));
        assertThat(withSystem).isNotEqualTo(alone).isNotEqualTo(asUser);
    }

    @Test
    void assistantTurnsAreLeftOutSoAnSftConversationHasTheKeyOfItsPrompt() {
        List<ChatMessage> prompt = List.of(ChatMessage.user("fever?"), ChatMessage.assistant("how high?"),
                ChatMessage.user("39"));
        List<ChatMessage> otherAnswer = List.of(ChatMessage.user("fever?"), ChatMessage.assistant("since when?"),
                ChatMessage.user("39"));
        List<ChatMessage> sft = List.of(ChatMessage.user("fever?"), ChatMessage.assistant("how high?"),
                ChatMessage.user("39"), ChatMessage.assistant("see a doctor"));
        assertThat(Conversations.promptKey(prompt)).isEqualTo("user 6:fever?\nuser 2:39")
                .isEqualTo(Conversations.promptKey(otherAnswer)).isEqualTo(Conversations.promptKey(sft));
    }

    @Test
    void contentsThatLookLikeSeparatorsDoNotMakeTwoPromptsOne() {
        // Without lengths (contents joined by \0, or a "role: content" line a turn) each pair would read the same.
        assertThat(Conversations.promptKey(List.of(ChatMessage.user("a\u0000b"))))
                .isNotEqualTo(Conversations.promptKey(List.of(ChatMessage.user("a"), ChatMessage.assistant("x"),
                        ChatMessage.user("b"))));
        assertThat(Conversations.promptKey(List.of(ChatMessage.user("a\nuser: b"))))
                .isNotEqualTo(Conversations.promptKey(List.of(ChatMessage.user("a"), ChatMessage.assistant("x"),
                        ChatMessage.user("b"))));
    }
}
