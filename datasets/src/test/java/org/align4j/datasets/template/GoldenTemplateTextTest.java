package org.align4j.datasets.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each family's own template renders exactly the text jinja2 renders in transformers' environment
 * (tools/chat-templates/FAMILY/golden.json): a system prompt, none (Qwen2.5's default system prompt),
 * multi-turn history, with and without the generation prompt.
 */
class GoldenTemplateTextTest {
    static List<String> families() {
        return GoldenTemplates.families();
    }

    @Test
    void fourFamiliesHaveGoldenFiles() {
        assertThat(families()).containsExactly("gemma3", "llama3_1", "qwen2_5", "qwen3");
    }

    @ParameterizedTest
    @MethodSource("families")
    void theModelsOwnTemplateRendersWhatJinja2Renders(String family) {
        ChatTemplate t = ChatTemplates.forModel(GoldenTemplates.root().resolve(family), null);
        assertThat(t).isInstanceOf(JinjaChatTemplate.class);
        JinjaChatTemplate jinja = (JinjaChatTemplate) t;
        for (JsonNode c : GoldenTemplates.golden(family).get("cases")) {
            List<ChatMessage> messages = GoldenTemplates.messages(c);
            boolean generationPrompt = c.get("add_generation_prompt").asBoolean();
            assertThat(jinja.renderText(messages, generationPrompt)).as(family + " " + c.get("name").asText())
                    .isEqualTo(c.get("text").asText());
            if (generationPrompt) {
                assertThat(t.renderPrompt(messages)).isEqualTo(c.get("text").asText());
            } else if (messages.get(messages.size() - 1).isAssistant()) {
                assertThat(Segments.text(t.render(messages))).as(family + " " + c.get("name").asText())
                        .isEqualTo(c.get("text").asText());
            }
        }
    }
}
