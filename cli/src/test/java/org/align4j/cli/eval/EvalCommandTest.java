package org.align4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir Path tmp;

    Path policy() {
        return TinyPolicy.create(tmp, "gpt2");
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
        assertThat(r.exitCode()).as(r.err()).isZero();
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
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:2");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingModelDirectoryIsAClearError() {
        CliRunner.Result r = CliRunner.run("eval", "--model", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("model directory").contains("nope");
    }
}
