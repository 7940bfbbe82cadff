package org.align4j.datasets.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.SftExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTemplateTest {
    static final List<ChatMessage> SINGLE = List.of(ChatMessage.user("Q?"), ChatMessage.assistant("A."));
    static final List<ChatMessage> MULTI = List.of(ChatMessage.system("Be brief."), ChatMessage.user("发烧了怎么办？"),
            ChatMessage.assistant("多喝水，注意休息。"), ChatMessage.user("What if it lasts?"),
            ChatMessage.assistant("See a doctor."));

    static ChatTemplate template(String name) {
        return ChatTemplates.byName(name, "</s>");
    }

    @Test
    void chatmlRendersQwenMarkupAndTrainsOnlyAssistantContentAndItsEnd() {
        List<Segment> s = template("chatml").render(SINGLE);
        assertThat(Segments.text(s)).isEqualTo("<|im_start|>user\nQ?<|im_end|>\n<|im_start|>assistant\nA.<|im_end|>\n");
        assertThat(s.stream().filter(Segment::trainable).map(Segment::text)).containsExactly("A.<|im_end|>");
        assertThat(template("chatml").renderPrompt(List.of(ChatMessage.user("Q?"))))
                .isEqualTo("<|im_start|>user\nQ?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(template("chatml").endOfTurn()).isEqualTo("<|im_end|>");
    }

    @Test
    void multiTurnTrainsEveryAssistantTurnAndNothingElse() {
        for (String name : ChatTemplates.NAMES) {
            List<Segment> s = template(name).render(MULTI);
            List<String> trained = s.stream().filter(Segment::trainable).map(Segment::text).toList();
            String end = template(name).endOfTurn();
            assertThat(trained).as(name).containsExactly("多喝水，注意休息。" + end, "See a doctor." + end);
        }
    }

    @Test
    void alpacaRendersTheStanfordPromptWithAndWithoutInput() {
        ChatTemplate t = template("alpaca");
        assertThat(Segments.text(t.render(SINGLE))).isEqualTo(AlpacaTemplate.PREAMBLE
                + "\n\n### Instruction:\nQ?\n\n### Response:\nA.</s>");
        List<Segment> withInput = t.render(SftExample.ofAlpaca("Summarise", "Age 30, fever 2 days", "Rest."));
        assertThat(Segments.text(withInput)).isEqualTo(AlpacaTemplate.PREAMBLE_WITH_INPUT
                + "\n\n### Instruction:\nSummarise\n\n### Input:\nAge 30, fever 2 days\n\n### Response:\nRest.</s>");
        assertThat(withInput.get(1)).isEqualTo(Segment.trained("Rest.</s>"));
        assertThat(Segments.text(t.render(List.of(ChatMessage.system("You are a nurse."), ChatMessage.user("Q?"),
                ChatMessage.assistant("A."))))).startsWith("You are a nurse.\n\n### Instruction:\nQ?");
        assertThat(Segments.text(template("chatml").render(SftExample.ofAlpaca("Summarise", "ctx", "Rest."))))
                .contains("Summarise\n\nctx<|im_end|>");
    }

    @Test
    void plainIsPromptNewlineAnswerEos() {
        assertThat(Segments.text(template("plain").render(SINGLE))).isEqualTo("Q?\nA.</s>");
        assertThat(template("plain").renderPrompt(List.of(ChatMessage.user("Q?")))).isEqualTo("Q?\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatml", "alpaca", "plain"})
    void thePromptIsRenderedTheSameWayForTrainingAndGeneration(String name) {
        ChatTemplate t = template(name);
        for (List<ChatMessage> conv : List.of(SINGLE, MULTI)) {
            List<ChatMessage> prompt = conv.subList(0, conv.size() - 1);
            String full = Segments.text(t.render(conv));
            assertThat(full).startsWith(t.renderPrompt(prompt));
            List<Segment> completion = t.renderCompletion(prompt, conv.get(conv.size() - 1).content());
            assertThat(t.renderPrompt(prompt) + Segments.text(completion)).isEqualTo(full);
            assertThat(completion.get(0).trainable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatml", "alpaca", "plain"})
    void templatesNeverAddABosOrASecondEos(String name) {
        ChatTemplate t = template(name);
        String end = t.endOfTurn();
        String text = Segments.text(t.render(List.of(ChatMessage.user("Q"), ChatMessage.assistant("A" + end))));
        assertThat(text.split(java.util.regex.Pattern.quote(end), -1)).hasSize(
                name.equals("chatml") ? 3 : 2); // chatml also ends the user turn with <|im_end|>
        assertThat(text).doesNotContain("<s>").doesNotContain(end + end);
    }

    @Test
    void byNameNeedsTheEosForAlpacaAndPlainAndRejectsUnknownNames() {
        assertThatThrownBy(() -> ChatTemplates.byName("alpaca", null))
                .hasMessage("the alpaca template ends each answer with the tokenizer's EOS token: pass its text"
                        + " (e.g. \"</s>\" or \"<|endoftext|>\")");
        assertThatThrownBy(() -> ChatTemplates.byName("llama3", "</s>"))
                .hasMessage("unknown chat template \"llama3\"; use one of chatml, alpaca, plain");
        assertThat(ChatTemplates.byName("chatml", null).name()).isEqualTo("chatml");
        assertThat(ChatTemplates.chatml().name()).isEqualTo("chatml");
    }
}
