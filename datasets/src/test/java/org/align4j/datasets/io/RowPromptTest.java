package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.junit.jupiter.api.Test;

class RowPromptTest {
    private static List<ChatMessage> prompt(String json) throws Exception {
        return RowPrompt.of((ObjectNode) Json.mapper().readTree(json));
    }

    @Test
    void anSftRowsPromptIsItsConversationBeforeTheLastAnswer() throws Exception {
        assertThat(prompt("{\"messages\":[{\"role\":\"user\",\"content\":\"q1\"},{\"role\":\"assistant\",\"content\":\"a1\"},"
                + "{\"role\":\"user\",\"content\":\"q2\"},{\"role\":\"assistant\",\"content\":\"a2\"}]}"))
                .containsExactly(ChatMessage.user("q1"), ChatMessage.assistant("a1"), ChatMessage.user("q2"));
        assertThat(prompt("{\"instruction\":\"Explain\",\"input\":\"fever\",\"output\":\"Rest.\"}"))
                .containsExactly(ChatMessage.user("Explain\n\nfever"));
    }

    @Test
    void eachKindsRowGivesItsPromptAndQuestionOnlyRowsAreRead() throws Exception {
        assertThat(prompt("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}")).containsExactly(ChatMessage.user("p"));
        assertThat(prompt("{\"prompt\":\"p\",\"response\":\"a\",\"score\":1}")).containsExactly(ChatMessage.user("p"));
        assertThat(prompt("{\"prompt\":\"p\",\"completion\":\"a\",\"label\":true}")).containsExactly(ChatMessage.user("p"));
        assertThat(prompt("{\"prompt\":\"p\"}")).containsExactly(ChatMessage.user("p"));
        assertThat(prompt("{\"instruction\":\"Explain\",\"input\":\"\"}")).containsExactly(ChatMessage.user("Explain"));
    }

    @Test
    void aRowThatBreaksItsKindsRulesOrHoldsNoPromptIsAnInvalidRecord() {
        assertThatThrownBy(() -> prompt("{\"prompt\":\"p\",\"chosen\":\"same\",\"rejected\":\"same\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageStartingWith("\"chosen\" and \"rejected\" are the same");
        assertThatThrownBy(() -> prompt("{\"prompt\":[{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":\"a\"}]}")).hasMessageStartingWith("\"prompt\" ends with a assistant turn");
        assertThatThrownBy(() -> prompt("{\"answer\":\"a\"}")).hasMessageStartingWith("needs a non-empty \"prompt\"");
        assertThatThrownBy(() -> prompt("{\"prompt\":\"p\",\"source\":\"x\"}")).hasMessageStartingWith("unknown field \"source\"");
    }
}
