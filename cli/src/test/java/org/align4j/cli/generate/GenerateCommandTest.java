package org.align4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path tmp;
    private static Path model;

    /** A tiny GPT-2 with a BPE tokenizer trained on a small corpus. */
    @BeforeAll
    static void createModel() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("The patient has had a fever for " + i + " days and asks which medicine helps.");
        }
        Path corpus = Files.write(tmp.resolve("corpus.txt"), lines);
        model = TinyModels.onCorpus(tmp, corpus, "bpe", 300, "gpt2", "gpt2", "--seed", "3");
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String l : out.strip().split("\n")) {
            rows.add(JSON.readTree(l));
        }
        return rows;
    }

    @Test
    void promptsGiveOneJsonLineEachWithTokensLogProbsAndAFinishReason() throws IOException {
        CliRunner.Result r = CliRunner.run("generate", "--model", model.toString(), "--prompt", "The patient has",
                "--prompt", "fever", "--max-new-tokens", "6");
        r.succeeded();
        List<JsonNode> rows = lines(r.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("prompt").asText()).isEqualTo("The patient has");
        for (JsonNode row : rows) {
            assertThat(row.get("completion").isTextual()).isTrue();
            int n = row.get("tokens").size();
            assertThat(n).isBetween(1, 6);
            assertThat(row.get("logprobs")).hasSize(n);
            row.get("logprobs").forEach(v -> assertThat(v.asDouble()).isNegative());
            assertThat(row.get("finish_reason").asText()).isIn("eos", "length");
            assertThat(row.get("finish_reason").asText().equals("length")).isEqualTo(n == 6);
        }
        // Greedy decoding without the cache gives the same tokens.
        CliRunner.Result slow = CliRunner.run("generate", "--model", model.toString(), "--prompt", "The patient has",
                "--prompt", "fever", "--max-new-tokens", "6", "--no-cache");
        slow.succeeded();
        List<JsonNode> slowRows = lines(slow.out());
        for (int i = 0; i < 2; i++) {
            assertThat(slowRows.get(i).get("tokens")).isEqualTo(rows.get(i).get("tokens"));
        }
    }

    @Test
    void aChatTemplateWrapsThePromptAsAUserTurn() throws IOException {
        CliRunner.Result raw = CliRunner.run("generate", "--model", model.toString(), "--prompt", "fever",
                "--max-new-tokens", "2");
        CliRunner.Result chat = CliRunner.run("generate", "--model", model.toString(), "--prompt", "fever",
                "--max-new-tokens", "2", "--template", "chatml");
        chat.succeeded();
        int rawTokens = lines(raw.out()).get(0).get("prompt_tokens").asInt();
        int expected;
        try (var tok = org.align4j.core.tokenizer.TextTokenizer.load(model)) {
            try (var bundle = org.align4j.core.bundle.ModelBundle.load(model, "chatml")) {
                expected = bundle.promptIds(List.of(org.align4j.datasets.ChatMessage.user("fever"))).length;
            }
            // the model has no saved template, so auto means raw text
            assertThat(rawTokens).isEqualTo(tok.encodeWithSpecialTokens("fever").length);
        }
        assertThat(lines(chat.out()).get(0).get("prompt_tokens").asInt()).isEqualTo(expected).isGreaterThan(rawTokens);
        CliRunner.Result bad = CliRunner.run("generate", "--model", model.toString(), "--prompt", "x", "--template", "foo");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown chat template \"foo\"");
    }

    @Test
    void jsonlInputTakesTextOrTokenIdsAndSeededSamplingRepeats() throws IOException {
        Path input = tmp.resolve("prompts.jsonl");
        Files.writeString(input, "{\"prompt\": \"The patient\"}\n\n{\"input_ids\": [5, 9, 12]}\n");
        Path out = tmp.resolve("out.jsonl");
        String[] args = {"generate", "--model", model.toString(), "--input", input.toString(), "--max-new-tokens", "8",
            "--temperature", "1.0", "--top-k", "20", "--top-p", "0.95", "--seed", "7", "--ignore-eos",
            "--output", out.toString()};
        CliRunner.Result r = CliRunner.run(args);
        r.succeeded();
        assertThat(r.out()).isEmpty();
        List<JsonNode> first = lines(Files.readString(out));
        assertThat(first).hasSize(2);
        assertThat(first.get(1).get("prompt").isTextual()).isTrue(); // decoded ids
        first.forEach(row -> assertThat(row.get("tokens")).hasSize(8));
        assertThat(CliRunner.run(args).exitCode()).isZero();
        assertThat(lines(Files.readString(out))).isEqualTo(first);
    }

    @Test
    void badInputIsReportedWithItsLine() throws IOException {
        Path input = tmp.resolve("bad.jsonl");
        Files.writeString(input, "{\"prompt\": \"ok\"}\n{\"instruction\": \"hi\"}\n");
        CliRunner.Result r = CliRunner.run("generate", "--model", model.toString(), "--input", input.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(input + ":2: unknown field \"instruction\"");

        Files.writeString(input, "{\"input_ids\": [1, 2]}\n{\"input_ids\": [1, 100000]}\n");
        r = CliRunner.run("generate", "--model", model.toString(), "--input", input.toString(), "--max-new-tokens", "4");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(input + ":2: prompt 1 has token id 100000");

        r = CliRunner.run("generate", "--model", model.toString(), "--prompt", "x", "--max-new-tokens", "500");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--prompt: prompt 0 has").contains("exceeds the model's context of 128");

        r = CliRunner.run("generate", "--model", model.toString(), "--prompt", "x", "--top-p", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--top-p: must be in (0, 1]");
    }

    @Test
    void aTextPromptNeedsATokenizer() throws IOException {
        Path bare = tmp.resolve("bare");
        assertThat(CliRunner.run("model", "init", "--arch", "qwen2", "--vocab-size", "50", "--out", bare.toString())
                .exitCode()).isZero();
        CliRunner.Result r = CliRunner.run("generate", "--model", bare.toString(), "--prompt", "hello");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no tokenizer.json");
        Path input = tmp.resolve("ids.jsonl");
        Files.writeString(input, "{\"input_ids\": [1, 2, 3]}\n");
        r = CliRunner.run("generate", "--model", bare.toString(), "--input", input.toString(), "--max-new-tokens", "3");
        r.succeeded();
        JsonNode row = lines(r.out()).get(0);
        assertThat(row.get("prompt").isNull()).isTrue();
        assertThat(row.get("completion").isNull()).isTrue();
        assertThat(Set.of("eos", "length")).contains(row.get("finish_reason").asText());
    }
}
