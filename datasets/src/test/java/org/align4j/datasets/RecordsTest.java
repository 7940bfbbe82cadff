package org.align4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    @Test
    void chatMessageRejectsUnknownRoleAndBlankContent() {
        assertThatThrownBy(() -> new ChatMessage("bot", "hi"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("\"role\" is \"bot\" (use one of system, user, assistant)");
        assertThatThrownBy(() -> ChatMessage.user("  "))
                .hasMessage("\"content\" is empty (give the text of the user turn)");
        assertThatThrownBy(() -> new ChatMessage(null, "x")).hasMessageStartingWith("\"role\" is missing");
    }

    @Test
    void alpacaRowBecomesOneUserAndOneAssistantTurn() {
        SftExample e = SftExample.ofAlpaca("Translate", "bonjour", "hello");
        assertThat(e.messages()).containsExactly(ChatMessage.user("Translate\n\nbonjour"), ChatMessage.assistant("hello"));
        assertThat(e.isAlpaca()).isTrue();
        assertThat(e.alpaca().input()).isEqualTo("bonjour");
        assertThat(SftExample.ofAlpaca("Say hi", null, "hi").messages().get(0).content()).isEqualTo("Say hi");
    }

    @Test
    void sftConversationMustEndWithAssistantAndAlternate() {
        assertThatThrownBy(() -> SftExample.ofMessages(List.of(ChatMessage.user("q"))))
                .hasMessage("\"messages\" ends with a user turn (end the conversation with the assistant's answer;"
                        + " only assistant turns are trained on)");
        assertThatThrownBy(() -> SftExample.ofMessages(List.of(ChatMessage.assistant("a"))))
                .hasMessage("\"messages\"[0] is a assistant turn where a user turn was expected"
                        + " (alternate user and assistant turns, starting with the user)");
        assertThatThrownBy(() -> SftExample.ofMessages(
                        List.of(ChatMessage.user("q"), ChatMessage.system("s"), ChatMessage.assistant("a"))))
                .hasMessage("\"messages\"[1] is a system message after the first turn"
                        + " (put the system message first, or merge it into the first one)");
        assertThatThrownBy(() -> SftExample.ofMessages(List.of()))
                .hasMessage("\"messages\" is empty (give at least one user message)");
        assertThatThrownBy(() -> SftExample.ofMessages(List.of(ChatMessage.system("s"))))
                .hasMessage("\"messages\" holds only a system message (add the user's message after it)");
    }

    @Test
    void multiTurnConversationCountsAssistantTurns() {
        SftExample e = SftExample.ofMessages(List.of(ChatMessage.system("s"), ChatMessage.user("q1"),
                ChatMessage.assistant("a1"), ChatMessage.user("q2"), ChatMessage.assistant("a2")));
        assertThat(e.assistantTurns()).isEqualTo(2);
        assertThat(e.isAlpaca()).isFalse();
    }

    @Test
    void preferencePairRejectsIdenticalAnswersAndNegativeMargin() {
        assertThatThrownBy(() -> PreferencePair.of("q", "same", " same "))
                .hasMessage("\"chosen\" and \"rejected\" are the same text"
                        + " (a pair needs two different answers; drop the row or fix one answer)");
        assertThatThrownBy(() -> PreferencePair.of("q", "a", "b").with(null, null, -1.0))
                .hasMessage("\"margin\" is -1.0 (give a finite number >= 0, or leave the field out)");
        assertThatThrownBy(() -> PreferencePair.of("q", "", "b"))
                .hasMessage("\"chosen\" is empty (give the preferred answer)");
        assertThatThrownBy(() -> PreferencePair.of("q", "a", "b").with(" ", null, null))
                .hasMessage("\"id\" is empty (give a non-empty id or leave the field out)");
    }

    @Test
    void preferencePairPromptMustEndWithUser() {
        assertThatThrownBy(() -> new PreferencePair(
                        List.of(ChatMessage.user("q"), ChatMessage.assistant("a")), "x", "y", null, null, null))
                .hasMessage("\"prompt\" ends with a assistant turn"
                        + " (end the prompt with the user's message that the answer responds to)");
        assertThat(PreferencePair.of("q", "a", "b").plainPrompt()).isEqualTo("q");
    }

    @Test
    void ratingScaleIsInferredAndChecked() {
        assertThat(Rating.of("q", "a", 1).scale()).isEqualTo(Rating.Scale.THUMBS);
        assertThat(Rating.of("q", "a", 4).scale()).isEqualTo(Rating.Scale.FIVE_POINT);
        assertThat(Rating.of("q", "a", 4).normalizedScore()).isEqualTo(0.75);
        assertThat(Rating.thumbs("q", "a", false).normalizedScore()).isZero();
        assertThatThrownBy(() -> Rating.of("q", "a", 7))
                .hasMessage("\"score\" is 7.0 on the 1-5 scale (give a score from 1 to 5)");
        assertThatThrownBy(() -> new Rating(List.of(ChatMessage.user("q")), "a", 3, Rating.Scale.THUMBS, null, null))
                .hasMessage("\"score\" is 3.0 on the thumbs scale (use 1 (thumbs up) or 0 (thumbs down))");
        assertThatThrownBy(() -> Rating.of("q", "a", Double.NaN))
                .hasMessage("\"score\" is NaN (give a number: 1/0 or 1 to 5)");
        assertThatThrownBy(() -> Rating.Scale.fromJson("stars"))
                .hasMessage("\"scale\" is \"stars\" (use \"thumbs\" or \"1-5\")");
    }

    @Test
    void problemPrintsFileLineMessageAndFix() {
        assertThat(new Problem("a.jsonl", 3, "\"chosen\" is empty", "give the preferred answer"))
                .hasToString("a.jsonl:3: \"chosen\" is empty (give the preferred answer)");
        assertThat(new Problem("a.jsonl", 0, "mixed scales", "add \"scale\"")).hasToString(
                "a.jsonl: mixed scales (add \"scale\")");
    }
}
