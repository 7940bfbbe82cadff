package org.align4j.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.TokenizedSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code {"messages": [...]}} lines in {@code align score} and {@code align generate}. */
class ConversationInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("be brief"),
            ChatMessage.user("my child has a fever"), ChatMessage.assistant("please see a doctor"),
            ChatMessage.user("孩子发烧了"), ChatMessage.assistant("请立即就医"));
    @TempDir static Path tmp;
    static Path model;

    @BeforeAll
    static void policy() {
        model = TinyModels.create(tmp, "gpt2");
    }

    @Test
    void scoreRendersAConversationWithTheTemplateAndMarksAndSumsTheAssistantTokens() throws Exception {
        Path in = Files.writeString(tmp.resolve("chats.jsonl"), "{\"messages\": " + JSON.writeValueAsString(
                CHAT.stream().map(m -> java.util.Map.of("role", m.role(), "content", m.content())).toList()) + "}\n"
                + "{\"text\": \"my child has a fever\"}\n");
        CliRunner.Result r = CliRunner.run("score", "--model", model.toString(), "--input", in.toString());
        r.succeeded();
        String[] lines = r.out().strip().split("\n");
        JsonNode chat = JSON.readTree(lines[0]);
        try (ModelBundle b = ModelBundle.load(model)) {
            TokenizedSequence expected = b.encoder().encode(SftExample.ofMessages(CHAT));
            assertThat(ints(chat.get("input_ids"))).containsExactly(expected.ids());
            int[] mask = ints(chat.get("assistant_mask"));
            for (int t = 0; t < mask.length; t++) {
                assertThat(mask[t] == 1).as("token %d", t).isEqualTo(expected.lossMask()[t]);
            }
            double bySum = 0;
            for (int t = 0; t + 1 < mask.length; t++) {
                bySum += mask[t + 1] * chat.get("logprobs").get(t).asDouble();
            }
            assertThat(chat.get("assistant_sum").asDouble()).isCloseTo(bySum, within(1e-4))
                    .isCloseTo(b.responseSums(List.of(expected), 1).sums()[0], within(1e-3));
            assertThat(chat.get("assistant_tokens").asInt()).isEqualTo(expected.trainedTokens());
            assertThat(b.tokenizer().decode(expected.ids(), false)).contains("<|im_start|>assistant\n请立即就医<|im_end|>");
        }
        JsonNode text = JSON.readTree(lines[1]);
        assertThat(text.has("assistant_mask")).isFalse();
        assertThat(text.get("logprobs").size()).isEqualTo(text.get("input_ids").size() - 1);
    }

    @Test
    void scoreRendersWithTheTemplateGivenInsteadOfTheModelsOwn() throws Exception {
        Path in = Files.writeString(tmp.resolve("chat.jsonl"), "{\"messages\": " + JSON.writeValueAsString(
                CHAT.stream().map(m -> java.util.Map.of("role", m.role(), "content", m.content())).toList()) + "}\n");
        CliRunner.Result r = CliRunner.run("score", "--model", model.toString(), "--input", in.toString(),
                "--template", "alpaca");
        r.succeeded();
        try (ModelBundle alpaca = ModelBundle.load(model, "alpaca"); ModelBundle own = ModelBundle.load(model)) {
            int[] expected = alpaca.encoder().encode(SftExample.ofMessages(CHAT)).ids();
            assertThat(expected).isNotEqualTo(own.encoder().encode(SftExample.ofMessages(CHAT)).ids());
            assertThat(ints(JSON.readTree(r.out().strip()).get("input_ids"))).containsExactly(expected);
        }
    }

    @Test
    void aConversationThatDoesNotEndWithTheAssistantIsNamedByLine() throws Exception {
        Path in = Files.writeString(tmp.resolve("bad.jsonl"), "{\"text\": \"fever\"}\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"fever\"}]}\n");
        CliRunner.Result r = CliRunner.run("score", "--model", model.toString(), "--input", in.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:2").contains("ends with a user turn");
    }

    @Test
    void generateAnswersAConversationAfterTheTemplatesGenerationPrompt() throws Exception {
        List<ChatMessage> prompt = CHAT.subList(0, 4);
        Path in = Files.writeString(tmp.resolve("prompts.jsonl"), "{\"messages\": " + JSON.writeValueAsString(
                prompt.stream().map(m -> java.util.Map.of("role", m.role(), "content", m.content())).toList()) + "}\n");
        CliRunner.Result r = CliRunner.run("generate", "--model", model.toString(), "--input", in.toString(),
                "--max-new-tokens", "4");
        r.succeeded();
        JsonNode row = JSON.readTree(r.out().strip());
        try (ModelBundle b = ModelBundle.load(model)) {
            int[] ids = b.promptIds(prompt);
            assertThat(row.get("prompt_tokens").asInt()).isEqualTo(ids.length);
            assertThat(row.get("prompt").asText()).contains("be brief").contains("孩子发烧了");
        }
        CliRunner.Result none = CliRunner.run("generate", "--model", model.toString(), "--input", in.toString(),
                "--template", "none");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("prompts.jsonl:1").contains("\"messages\" need");
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
