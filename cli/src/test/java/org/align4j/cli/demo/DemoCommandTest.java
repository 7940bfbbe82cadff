package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code align demo --quick} end to end through the real command line, and its artifacts. */
class DemoCommandTest {
    @TempDir Path tmp;

    @Test
    void theQuickDemoRunsEveryStageAndLeavesConfigsEvaluationReportAndAFilledDatabase() throws Exception {
        Path out = tmp.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--quick", "--out", out.toString());
        r.succeeded();
        assertThat(r.out()).contains("[14/14] report page").contains("held-out evaluation").contains("PPO vs SFT:")
                .contains("GRPO vs SFT:").contains("DPO vs SFT:").contains("./align feedback serve --db jdbc:h2:file:" + out.resolve("feedback"))
                .contains("stage times:").containsPattern("demo done in [0-9.]+ s \\([0-9]+:[0-9]{2}\\)");
        assertThat(out.resolve(DemoFolder.MARKER)).isRegularFile();

        for (String c : List.of("sft", "reward", "ppo", "grpo", "dpo")) {
            assertThat(out.resolve("configs/" + c + ".yaml")).isRegularFile();
        }
        for (String stage : List.of("sft", "ppo", "grpo", "dpo")) {
            assertThat(out.resolve("runs/" + stage + "/final/config.json")).isRegularFile();
            JsonNode j = new ObjectMapper().readTree(out.resolve("eval/" + stage + ".json").toFile());
            // the report's grouped records (EvalReport): preference, generation, safety, text
            for (String k : List.of("/preference/accuracy", "/generation/mean_reward", "/generation/kl_to_reference",
                    "/safety/pass_rate", "/text/perplexity", "/text/rouge_l", "/text/bleu", "/text/distinct_2",
                    "/generation/win_rate/mean", "/generation/length_controlled_win_rate")) {
                assertThat(j.at(k).isNumber()).as(stage + " " + k).isTrue();
                assertThat(Double.isFinite(j.at(k).asDouble())).as(stage + " " + k).isTrue();
            }
        }
        // the SFT model against itself: every implicit-reward margin is 0
        JsonNode sft = new ObjectMapper().readTree(out.resolve("eval/sft.json").toFile());
        assertThat(sft.at("/preference/accuracy").asDouble()).isEqualTo(0.5);
        assertThat(sft.at("/generation/kl_to_reference").asDouble()).isEqualTo(0.0);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg").contains("SFT loss").contains("PPO: KL").contains("GRPO: KL").contains("DPO: held-out")
                .contains("DPO: implicit-reward margin").contains("preference accuracy").doesNotContain("no data")
                .contains("safety by red-flag category").contains("preference accuracy by pair source");
        assertThat(r.out()).contains("preference accuracy by pair source").contains("sample-generator/");
        // per pair source in the JSON: every family-held-out pair counted once
        JsonNode bySource = new ObjectMapper().readTree(out.resolve("eval/dpo.json").toFile()).at("/preference/by_source");
        int counted = 0;
        for (JsonNode s : bySource) {
            counted += s.get("pairs").asInt();
        }
        assertThat(counted).isEqualTo(new ObjectMapper().readTree(out.resolve("eval/dpo.json").toFile())
                .at("/preference/pairs").asInt()).isPositive();

        String url = "jdbc:h2:file:" + out.resolve("feedback/feedback");
        try (FeedbackStore store = FeedbackStore.open(url)) {
            List<String> rows = store.sql().strings("SELECT v.name || '=' || COUNT(*) FROM responses r JOIN"
                    + " model_versions v ON v.id = r.model_version_id GROUP BY v.name ORDER BY v.name");
            assertThat(rows).containsExactly("demo-dpo=8", "demo-ppo=8", "demo-sft=8");
            assertThat(store.users().find(DemoFeedback.DOCTOR)).isPresent();
        }

        // a second run into the same folder reuses nothing silently
        CliRunner.Result again = CliRunner.run("demo", "--quick", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty").contains("--force");
    }
}
