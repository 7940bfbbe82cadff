package org.align4j.cli.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnqueuePromptsTest {
    @TempDir Path tmp;

    private static String turns(String... roleContent) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < roleContent.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append("{\"role\":\"").append(roleContent[i]).append("\",\"content\":\"")
                    .append(roleContent[i + 1]).append("\"}");
        }
        return sb.append(']').toString();
    }

    @Test
    void theQuestionOfAMultiTurnRowIsItsLastUserTurnBeforeTheAnswer() throws Exception {
        Path f = Files.writeString(tmp.resolve("rows.jsonl"), String.join("\n",
                "{\"messages\":" + turns("system", "S", "user", "q1", "assistant", "a1", "user", "q2", "assistant", "a2")
                        + "}",
                "{\"prompt\":" + turns("user", "p1", "assistant", "b1", "user", "p2")
                        + ",\"chosen\":\"good\",\"rejected\":\"bad\"}",
                "{\"prompt\":" + turns("user", "r1", "assistant", "c1", "user", "r2") + "}") + "\n");
        assertThat(EnqueuePrompts.read(f)).containsExactly("q2", "p2", "r2");
    }

    @Test
    void plainPromptsAlpacaRowsAndInstructionsWithoutAnswerKeepWorkingAndDuplicatesGo() throws Exception {
        Path f = Files.writeString(tmp.resolve("rows.jsonl"), String.join("\n",
                "{\"prompt\": \"my child has a fever\"}",
                "{\"instruction\": \"Explain\", \"input\": \"fever 2 days\", \"output\": \"Rest.\"}",
                "{\"instruction\": \"孩子发烧了\", \"input\": \"\"}",
                "{\"prompt\": \"my child has a fever\", \"chosen\": \"rest\", \"rejected\": \"ignore it\"}",
                "{\"prompt\": \"q\", \"response\": \"a\", \"score\": 1}") + "\n");
        assertThat(EnqueuePrompts.read(f)).containsExactly("my child has a fever", "Explain\n\nfever 2 days", "孩子发烧了",
                "q");
    }

    @Test
    void aRowWithoutAQuestionOrThatBreaksItsKindsRulesIsNamedWithItsLine() throws Exception {
        Path none = Files.writeString(tmp.resolve("none.jsonl"), "{\"prompt\": \"ok\"}\n{\"answer\": \"no question\"}\n");
        assertThatThrownBy(() -> EnqueuePrompts.read(none)).hasMessageStartingWith(none + ":2: needs a non-empty \"prompt\"");
        Path sft = Files.writeString(tmp.resolve("sft.jsonl"), "{\"messages\":" + turns("user", "q", "user", "q2") + "}\n");
        assertThatThrownBy(() -> EnqueuePrompts.read(sft)).hasMessage(sft + ":1: \"messages\"[1] is a user turn where"
                + " a assistant turn was expected (alternate user and assistant turns, starting with the user)");
    }
}
