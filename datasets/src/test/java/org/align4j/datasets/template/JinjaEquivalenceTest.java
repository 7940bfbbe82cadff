package org.align4j.datasets.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.hubspot.jinjava.Jinjava;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.ChatMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each template's Hugging Face Jinja string renders exactly what the Java template renders. */
class JinjaEquivalenceTest {
    private static final Jinjava JINJA = new Jinjava();

    private static String jinja(ChatTemplate t, List<ChatMessage> messages, boolean generationPrompt) {
        List<Map<String, String>> msgs =
                messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList();
        return JINJA.render(t.jinja(), Map.of("messages", msgs, "add_generation_prompt", generationPrompt,
                "eos_token", "</s>", "bos_token", "<s>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chatml", "alpaca", "plain"})
    void jinjaRendersConversationsAndPromptsLikeJava(String name) {
        ChatTemplate t = ChatTemplates.byName(name, "</s>");
        for (List<ChatMessage> conv : List.of(ChatTemplateTest.SINGLE, ChatTemplateTest.MULTI)) {
            assertThat(jinja(t, conv, false)).isEqualTo(Segments.text(t.render(conv)));
            List<ChatMessage> prompt = conv.subList(0, conv.size() - 1);
            assertThat(jinja(t, prompt, true)).isEqualTo(t.renderPrompt(prompt));
        }
    }
}
