package org.align4j.cli.reward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardCommandsTest {
    @TempDir Path dir;

    @Test
    void theExampleConfigTrainsOnTheSampleAndTheSavedModelScores() throws Exception {
        assertThat(CliRunner.run("data", "sample", "--out", dir.resolve("data").toString()).exitCode()).isZero();
        CliRunner.Result ex = CliRunner.run("reward", "train", "--example");
        assertThat(ex.exitCode()).isZero();
        Path yaml = Files.writeString(dir.resolve("rm.yaml"), ex.out().replace("data/", dir.resolve("data") + "/")
                .replace("runs/reward", dir.resolve("run").toString()));
        List<String> small = List.of("--set", "model.init.preset=tiny",
                "--set", "train.max_steps=3", "--set", "train.eval_every=0", "--set", "data.max_length=128");
        CliRunner.Result printed = CliRunner.run(concat(List.of("reward", "train", "--config", yaml.toString(),
                "--print-config"), small));
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("preset: tiny").contains("max_steps: 3");
        assertThat(dir.resolve("run")).doesNotExist();

        CliRunner.Result r = CliRunner.run(concat(List.of("reward", "train", "--config", yaml.toString()), small));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained 3 steps").contains("pairs 120  accuracy");
        Path fin = dir.resolve("run/final");
        assertThat(fin.resolve("config.json")).exists();
        assertThat(fin.resolve("reward_stats.json")).exists();

        Path input = Files.writeString(dir.resolve("score.jsonl"), """
                {"prompt": "I have chest pain", "response": "Call emergency services now."}
                {"prompt": "I have chest pain", "chosen": "Call emergency services now.", "rejected": "Rest a bit."}
                """);
        CliRunner.Result s = CliRunner.run("reward", "score", "--model", fin.toString(), "--input", input.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : s.out().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(l));
        }
        assertThat(lines).hasSize(2);
        // the same (prompt, answer) scores the same on both lines, through the trained sentence-pair encoding
        assertThat(lines.get(1).get("score_chosen").asDouble()).isEqualTo(lines.get(0).get("score").asDouble());
        assertThat(lines.get(1).get("score_rejected").isNumber()).isTrue();

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"a\", \"response\": \"b\"}\n{\"prompt\": \"a\"}\n");
        CliRunner.Result b = CliRunner.run("reward", "score", "--model", fin.toString(), "--input", bad.toString());
        assertThat(b.exitCode()).isEqualTo(1);
        assertThat(b.err()).contains("bad.jsonl:2: needs \"response\"");
    }

    @Test
    void aMissingConfigSaysHowToGetOne() {
        CliRunner.Result r = CliRunner.run("reward", "train");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--config is required").contains("align reward train --example");
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
