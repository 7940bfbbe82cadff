package org.align4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir Path tmp;

    Path policy() {
        return TinyModels.create(tmp, "gpt2");
    }

    @Test
    void evaluatesAgainstAReferenceOnGivenFilesPrintsTheTableAndWritesJson() throws Exception {
        Path model = policy();
        Path pairs = tmp.resolve("pairs.jsonl");
        Files.writeString(pairs, """
                {"prompt": "my child has a fever", "chosen": "please see a doctor", "rejected": "ignore it"}
                {"prompt": "孩子发烧了", "chosen": "请立即就医", "rejected": "没关系"}
                """);
        Path sft = tmp.resolve("sft.jsonl");
        Files.writeString(sft, "{\"instruction\": \"my child has a fever\", \"input\": \"\", \"output\": \"see a doctor\"}\n");
        Path out = tmp.resolve("report/eval.json");
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--reference", model.toString(),
                "--pairs", pairs.toString(), "--sft", sft.toString(), "--max-new-tokens", "6", "--out", out.toString());
        r.succeeded();
        assertThat(r.out()).contains("preference accuracy").contains("perplexity").contains("wrote " + out);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.at("/preference/pairs").asInt()).isEqualTo(2);
        assertThat(j.at("/preference/accuracy").asDouble()).isEqualTo(0.5);
        assertThat(j.at("/preference/beta").asDouble()).isEqualTo(0.1);
        assertThat(j.at("/generation/kl_to_reference").asDouble()).isEqualTo(0.0);
        assertThat(j.at("/text/perplexity").asDouble()).isPositive();
        assertThat(j.at("/generation/mean_reward").isNull()).isTrue();
    }

    @Test
    void aBadPairsLineIsReportedWithFileAndLineAndNothingIsWritten() throws Exception {
        Path model = policy();
        Path pairs = tmp.resolve("bad.jsonl");
        Files.writeString(pairs, "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n{\"prompt\": \"a\"}\n");
        Path out = tmp.resolve("eval.json");
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--pairs", pairs.toString(),
                "--out", out.toString());
        r.failedWithoutWriting("bad.jsonl:2", out);
    }

    @Test
    void aMissingModelDirectoryIsAClearError() {
        CliRunner.Result r = CliRunner.run("eval", "--model", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("model directory").contains("nope");
    }

    @Test
    void aMissingSafetyRulesFileIsAClearError() throws Exception {
        Path model = tmp.resolve("m");
        CliRunner.run("model", "init", "--arch", "gpt2", "--out", model.toString()).succeeded();
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--safety-rules",
                tmp.resolve("none.json").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--safety-rules: " + tmp.resolve("none.json") + " does not exist");
    }

    @Test
    void severalModelsAndAnEarlierReportShareOneTable() throws Exception {
        Path model = policy();
        Path other = TinyModels.create(Files.createDirectories(tmp.resolve("second")), "qwen2"); // same tokenizer
        Path pairs = Files.writeString(tmp.resolve("pairs.jsonl"),
                "{\"prompt\": \"my child has a fever\", \"chosen\": \"please see a doctor\", \"rejected\": \"ignore it\"}\n");
        Path first = tmp.resolve("first.json");
        CliRunner.Result one = CliRunner.run("eval", "--model", model.toString(), "--reference", model.toString(),
                "--pairs", pairs.toString(), "--max-new-tokens", "4", "--out", first.toString());
        one.succeeded();
        CliRunner.Result r = CliRunner.run("eval", "--report", "sft=" + first, "--model", "a=" + model,
                "--model", "b=" + other, "--reference", model.toString(), "--pairs", pairs.toString(),
                "--max-new-tokens", "4");
        r.succeeded();
        String header = r.out().lines().filter(l -> l.trim().startsWith("sft")).findFirst().orElseThrow();
        assertThat(header.trim().split("\\s+")).containsExactly("sft", "a", "b");
        String kl = r.out().lines().filter(l -> l.startsWith("KL to reference")).findFirst().orElseThrow();
        String[] cells = kl.substring("KL to reference".length()).trim().split("\\s+");
        assertThat(cells).hasSize(3);
        assertThat(cells[0]).isEqualTo("0.000"); // the report of the reference itself, read back
        assertThat(cells[1]).isEqualTo("0.000");
        assertThat(Double.parseDouble(cells[2])).isNotZero(); // another model
    }

    @Test
    void outWithSeveralModelsOrTwoModelsOfOneNameAreClearErrors() {
        CliRunner.Result two = CliRunner.run("eval", "--model", "a=x", "--model", "b=y", "--out", "r.json");
        assertThat(two.exitCode()).isEqualTo(1);
        assertThat(two.err()).contains("--out writes one model's report");
        CliRunner.Result same = CliRunner.run("eval", "--model", "runs/ppo/final", "--model", "runs/grpo/final");
        assertThat(same.exitCode()).isEqualTo(1);
        assertThat(same.err()).contains("the name final is given twice");
        CliRunner.Result none = CliRunner.run("eval");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("--model is required");
    }
}
