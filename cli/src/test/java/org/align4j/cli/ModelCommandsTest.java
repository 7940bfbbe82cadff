package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void initConvertAndScoreACausalLm() throws Exception {
        Path model = tmp.resolve("gpt2");
        CliRunner.Result init = CliRunner.run("model", "init", "--arch", "gpt2", "--preset", "tiny", "--vocab-size", "64",
                "--out", model.toString(), "--seed", "5");
        init.succeeded();
        assertThat(model.resolve("config.json")).exists();
        Path bf16 = tmp.resolve("gpt2-bf16");
        assertThat(CliRunner.run("model", "convert", "--model", model.toString(), "--out", bf16.toString(),
                "--dtype", "bf16").exitCode()).isZero();

        Path input = tmp.resolve("in.jsonl");
        Files.writeString(input, "{\"input_ids\": [1, 2, 3, 4]}\n\n{\"input_ids\": [9, 8]}\n");
        CliRunner.Result scored = CliRunner.run("score", "--model", model.toString(), "--input", input.toString());
        scored.succeeded();
        String[] lines = scored.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("logprobs")).hasSize(3);
        double sum = 0;
        for (JsonNode v : first.get("logprobs")) {
            assertThat(v.asDouble()).isNegative();
            sum += v.asDouble();
        }
        assertThat(first.get("sum").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4));

        // Batched scoring equals one-by-one scoring, and --output writes the same lines.
        Path out = tmp.resolve("scores.jsonl");
        assertThat(CliRunner.run("score", "--model", model.toString(), "--input", input.toString(), "--batch-size", "1",
                "--output", out.toString()).exitCode()).isZero();
        JsonNode single = JSON.readTree(Files.readAllLines(out).get(0));
        for (int i = 0; i < 3; i++) {
            assertThat(single.get("logprobs").get(i).asDouble())
                    .isCloseTo(first.get("logprobs").get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void rewardScorePrintsOneScorePerLine() throws Exception {
        Path model = tmp.resolve("bert");
        assertThat(CliRunner.run("model", "init", "--arch", "bert", "--vocab-size", "40", "--out", model.toString())
                .exitCode()).isZero();
        Path input = tmp.resolve("in.jsonl");
        Files.writeString(input, "{\"input_ids\": [2, 5, 6, 3]}\n{\"input_ids\": [2, 7, 3]}\n");
        CliRunner.Result r = CliRunner.run("reward", "score", "--model", model.toString(), "--input", input.toString());
        r.succeeded();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[1]).get("score").isNumber()).isTrue();
        assertThat(JSON.readTree(lines[1]).get("input_ids")).hasSize(3);
    }

    @Test
    void badInputLinesAreNamedAndNothingIsWritten() throws Exception {
        Path model = tmp.resolve("m");
        CliRunner.run("model", "init", "--arch", "llama", "--vocab-size", "32", "--out", model.toString());
        Path input = tmp.resolve("bad.jsonl");
        Files.writeString(input, "{\"input_ids\": [1, 2]}\n{\"input_ids\": [1, 99]}\n");
        Path out = tmp.resolve("out.jsonl");
        CliRunner.Result r = CliRunner.run("score", "--model", model.toString(), "--input", input.toString(),
                "--output", out.toString());
        r.failedWithoutWriting("bad.jsonl:2: token id 99 is outside the model's vocabulary (size 32)", out);

        // A line longer than the model's context (128 positions for the tiny preset) is named the same way by the
        // language-model score and the reward-model score.
        String tooLong = "{\"input_ids\": " + java.util.Collections.nCopies(129, 1) + "}\n";
        Files.writeString(input, "{\"input_ids\": [1, 2]}\n" + tooLong);
        r = CliRunner.run("score", "--model", model.toString(), "--input", input.toString(), "--output", out.toString());
        r.failedWithoutWriting("bad.jsonl:2: 129 tokens exceed the model's context of 128; shorten the line", out);
        Path bert = tmp.resolve("bert");
        CliRunner.run("model", "init", "--arch", "bert", "--vocab-size", "32", "--out", bert.toString()).succeeded();
        r = CliRunner.run("reward", "score", "--model", bert.toString(), "--input", input.toString(), "--output",
                out.toString());
        r.failedWithoutWriting("bad.jsonl:2: 129 tokens exceed the model's context of 128; shorten the line", out);

        Files.writeString(input, "{\"input_ids\": [1, 2]}\n{oops\n");
        r = CliRunner.run("score", "--model", model.toString(), "--input", input.toString());
        assertThat(r.err()).contains("bad.jsonl:2: malformed JSON");
        Files.writeString(input, "{\"text\": \"hello\"}\n");
        r = CliRunner.run("score", "--model", model.toString(), "--input", input.toString());
        assertThat(r.err()).contains("bad.jsonl:1: has \"text\" but the model directory has no tokenizer.json");
    }

    @Test
    void unknownArchitectureIsAClearError() {
        CliRunner.Result r = CliRunner.run("model", "init", "--arch", "t5", "--out", tmp.resolve("x").toString());
        r.failedWithoutWriting("architecture 't5' is unknown", tmp.resolve("x"));
    }
}
