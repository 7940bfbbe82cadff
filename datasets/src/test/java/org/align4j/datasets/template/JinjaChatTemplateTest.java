package org.align4j.datasets.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JinjaChatTemplateTest {
    static final String A1 = "Usually 60 to 100 beats per minute.";
    static final String A2 = "It rises with fever.";
    static final List<ChatMessage> MULTI = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Normal rate?"),
            ChatMessage.assistant(A1), ChatMessage.user("And with fever?"), ChatMessage.assistant(A2));

    @TempDir Path dir;

    private static ChatTemplate family(String name) {
        return ChatTemplates.forModel(GoldenTemplates.root().resolve(name), null);
    }

    private static List<String> trainable(List<Segment> segments) {
        return Segments.runs(segments).stream().filter(Segment::trainable).map(Segment::text).toList();
    }

    private static JinjaChatTemplate inline(String source) {
        return JinjaChatTemplate.of("test", "inline", source, Map.of("eos_token", "</s>", "bos_token", "<s>"));
    }

    @ParameterizedTest
    @CsvSource({"qwen2_5,<|im_end|>", "llama3_1,<|eot_id|>", "gemma3,<end_of_turn>", "qwen3,<|im_end|>"})
    void eachFamilyTrainsOnEveryAnswerAndItsEndOfTurnTokenOnly(String name, String endOfTurn) {
        ChatTemplate t = family(name);
        assertThat(t.endOfTurn()).isEqualTo(endOfTurn);
        List<String> expected = name.equals("qwen3")
                // Qwen3 writes an empty reasoning block into the last answer only: the model generates it
                ? List.of(A1 + endOfTurn, "<think>\n\n</think>\n\n" + A2 + endOfTurn)
                : List.of(A1 + endOfTurn, A2 + endOfTurn);
        assertThat(trainable(t.render(MULTI))).containsExactlyElementsOf(expected);
        String text = Segments.text(t.render(MULTI));
        for (Segment s : Segments.runs(t.render(MULTI))) {
            if (!s.trainable()) {
                assertThat(s.text()).doesNotContain(A1).doesNotContain(A2);
            }
        }
        assertThat(text).isEqualTo(((JinjaChatTemplate) t).renderText(MULTI, false));
    }

    @Test
    void aCompletionAfterTheGenerationPromptIsTheAnswerAndItsEnd() {
        ChatTemplate t = family("llama3_1");
        List<ChatMessage> prompt = MULTI.subList(0, 2);
        assertThat(trainable(t.renderCompletion(prompt, A1))).containsExactly(A1 + "<|eot_id|>");
        assertThat(t.renderPrompt(prompt)).startsWith("<|begin_of_text|>").endsWith("assistant<|end_header_id|>\n\n");
    }

    @Test
    void qwen25AddsItsDefaultSystemPromptWhenThereIsNone() {
        String text = family("qwen2_5").renderPrompt(List.of(ChatMessage.user("Hi")));
        assertThat(text).isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful"
                + " assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void generationBlocksDecideWhatIsTrainable() {
        JinjaChatTemplate t = inline("{% for m in messages %}{% if m.role == 'assistant' %}A: "
                + "{% generation %}{{ m.content }}{{ eos_token }}{% endgeneration %}\n{% else %}U: {{ m.content }}\n"
                + "{% endif %}{% endfor %}{% if add_generation_prompt %}A: {% endif %}");
        List<ChatMessage> conv = List.of(ChatMessage.user("q1"), ChatMessage.assistant("a1"), ChatMessage.user("q2"),
                ChatMessage.assistant("a2"));
        // trim_blocks drops the newline after {% endgeneration %}, as in jinja2
        assertThat(Segments.text(t.render(conv))).isEqualTo("U: q1\nA: a1</s>U: q2\nA: a2</s>");
        assertThat(trainable(t.render(conv))).containsExactly("a1</s>", "a2</s>");
        assertThat(t.renderText(conv, false)).doesNotContain("\uE000");
    }

    @Test
    void theTemplatesOwnErrorIsReportedWithItsMessage() {
        List<ChatMessage> notAlternating = List.of(ChatMessage.user("a"), ChatMessage.user("b"));
        assertThatThrownBy(() -> family("gemma3").render(notAlternating)).isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("refused the conversation")
                .hasMessageContaining("Conversation roles must alternate user/assistant/user/assistant/...");
    }

    @Test
    void anUnknownFilterIsAnErrorNamingItNotASilentlyDifferentText() {
        assertThatThrownBy(() -> inline("{% for m in messages %}{{ m.content | frobnicate }}{% endfor %}"))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("filter 'frobnicate'")
                .hasMessageContaining("inline");
    }

    @Test
    void anUnsupportedConstructIsAnErrorNamingTheLineAndExpression() {
        assertThatThrownBy(() -> inline("{% for m in messages %}{{ m.content }}\n{{ messages[1:2:3] }}{% endfor %}"))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("line 2")
                .hasMessageContaining("messages[1:2:3]");
        assertThatThrownBy(() -> inline("{% for m in messages %}{{ m.content.zfill(3) }}{% endfor %}"))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("zfill");
    }

    @Test
    void pythonStringMethodsBehaveAsInPython() {
        JinjaChatTemplate t = inline("{% for m in messages %}{% if m.role == 'assistant' %}"
                + "{{ m.content.split('|') | tojson }};{{ m.content.split() | length }};{{ m.content.strip('x|') }};"
                + "{% if m.content.startswith(('no', 'x|')) %}yes{% endif %};{% if m.content.endswith('|') %}yes{% endif %};"
                + "{{ m.content.upper() }};"
                + "{{ m.content.lstrip('x') }};{{ m.content.rstrip('|') }};{{ '-'.join(['a', 'b']) }};"
                + "{{ m.content.replace('|', '/', 1) }}{{ eos_token }}{% else %}{{ m.content }}{% endif %}{% endfor %}");
        String text = t.renderText(List.of(ChatMessage.user("q"), ChatMessage.assistant("x|a b||")), false);
        assertThat(text).isEqualTo("q[\"x\", \"a b\", \"\", \"\"];2;a b;yes;yes;X|A B||;|a b||;x|a b;a-b;x/a b||</s>");
    }

    @Test
    void whitespaceControlFollowsJinja2() {
        // lstrip_blocks only strips a tag's indentation at the start of a line; trim_blocks one newline after it
        String source = "{% for m in messages %}\n  {% if true %}\n    <{{ m.content }}> {% if true %}x{% endif %}\n"
                + "  {%- endif %}\n{# note #}\n{% endfor %}";
        assertThat(inline(source).renderText(List.of(ChatMessage.user("u")), false)).isEqualTo("    <u> x");
        assertThat(JinjaSource.rewrite(" set ns = namespace(a=messages|length - 1, b=f(c=1 + 2)) "))
                .isEqualTo(" set ns = namespace(a=(messages|length - 1), b=(f(c=(1 + 2)))) ");
        assertThat(JinjaSource.rewrite(" for m in messages[::-1] ")).isEqualTo(" for m in (messages|reverse|list) ");
    }

    @Test
    void tojsonWritesLikePythonsJsonDumps() {
        assertThat(PythonJson.dumps(Map.of("k", List.of(1L, "é\n", true)), null)).isEqualTo("{\"k\": [1, \"é\\n\", true]}");
        assertThat(PythonJson.dumps(List.of(1L, List.of()), 2)).isEqualTo("[\n  1,\n  []\n]");
        assertThat(PythonJson.dumps(2.0, null)).isEqualTo("2.0");
    }

    @Test
    void strftimeNowUsesPythonDirectives() {
        assertThat(JinjaEnvironment.strftime(LocalDateTime.of(2024, 7, 26, 9, 5), "%d %b %Y %H:%M"))
                .isEqualTo("26 Jul 2024 09:05");
        assertThatThrownBy(() -> JinjaEnvironment.strftime(LocalDateTime.now(), "%Q"))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("%Q");
    }

    @Test
    void aTemplateWhosePromptIsNotAPrefixOfTheConversationIsRefused() {
        JinjaChatTemplate t = inline("{% for m in messages %}{{ m.content }}{% if m.role == 'assistant' %}{{ eos_token }}"
                + "{% endif %}{% endfor %}{% if add_generation_prompt %}PROMPT>{% endif %}");
        assertThatThrownBy(() -> t.render(List.of(ChatMessage.user("q"), ChatMessage.assistant("a"))))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("assistant turn 2");
    }

    @Test
    void forModelPrefersTheOverrideThenAlign4jsBuiltInThenTheModelsOwnTemplate() throws Exception {
        Path qwen = GoldenTemplates.root().resolve("qwen2_5");
        assertThat(ChatTemplates.forModel(qwen, "alpaca").name()).isEqualTo("alpaca");
        assertThat(ChatTemplates.forModel(qwen, "alpaca").endOfTurn()).isEqualTo("<|im_end|>");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": [{\"name\": \"default\", "
                + "\"template\": \"{% for m in messages %}{{ m.content }}{% endfor %}{{ eos_token }}\"}, {\"name\": "
                + "\"tool_use\", \"template\": \"T\"}], \"eos_token\": {\"content\": \"<e>\"}, \"align4j_template\": null}");
        assertThat(ChatTemplates.forModel(dir, null)).isInstanceOf(JinjaChatTemplate.class);
        assertThat(ChatTemplates.forModel(dir, null).endOfTurn()).isEqualTo("<e>");
        assertThatThrownBy(() -> ChatTemplates.forModel(dir, "nope")).hasMessageContaining("tool_use")
                .hasMessageContaining("chatml, alpaca, plain");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{{ 1 }}\", "
                + "\"align4j_template\": \"plain\", \"eos_token\": \"</s>\"}");
        assertThat(ChatTemplates.forModel(dir, null).name()).isEqualTo("plain");
        Files.delete(dir.resolve("tokenizer_config.json"));
        assertThat(ChatTemplates.forModel(dir, null).name()).isEqualTo("chatml");
        Files.writeString(dir.resolve("chat_template.jinja"), "{% for m in messages %}[{{ m.role }}]{{ m.content }}"
                + "{% endfor %}");
        assertThat(((JinjaChatTemplate) ChatTemplates.forModel(dir, null)).renderText(List.of(ChatMessage.user("x")),
                false)).isEqualTo("[user]x");
    }

    @Test
    void aModelsOwnTemplateIsSavedWithoutABuiltInName() {
        assertThat(ChatTemplates.savedName(family("gemma3"))).isNull();
        assertThat(ChatTemplates.savedName(ChatTemplates.chatml())).isEqualTo("chatml");
    }

    @Test
    void aMalformedTokenizerConfigNamesTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\n \"chat_template\": 3,\n}");
        assertThatThrownBy(() -> ChatTemplates.forModel(dir, null)).isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("line 3");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": 3}");
        assertThatThrownBy(() -> ChatTemplates.forModel(dir, null)).hasMessageContaining("chat_template must be");
    }
}
