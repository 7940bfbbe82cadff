package org.align4j.cli.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.RlModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoCommandTest {
    @TempDir Path tmp;

    /** A tiny GPT-2 policy and BERT reward model made with the CLI itself, prompt files and a config. */
    Path setUp() throws Exception {
        RlModels.create(tmp, List.of("my child has a high fever", "please see a doctor today",
                "chest pain needs emergency care", "rest and drink water", "call emergency services now",
                "take the tablets after food", "call an ambulance now"));
        RlModels.writePairs(tmp.resolve("train.jsonl"), List.of("I have chest pain at night",
                "what helps a sore throat", "my child has a fever", "is rest enough"));
        return RlModels.writeConfig(tmp, "grpo.yaml", tmp.resolve("train.jsonl"), tmp.resolve("train.jsonl"),
                "rewards:",
                "  - {type: reward_model, weight: 1.0, path: " + tmp.resolve("rm") + ", normalize: false}",
                "  - {type: safety, weight: 2.0}",
                "  - {type: length, weight: 0.1, limit: 3}",
                "  - {type: format, weight: 0.5}",
                "grpo: {iterations: 2, prompts_per_iteration: 2, group_size: 2, minibatch_size: 2, micro_batch_size: 2,"
                        + " epochs: 1, log_samples_every: 1, samples_logged: 1}",
                "eval: {every: 1, batch_size: 4}");
    }

    @Test
    void aRunOverItsKlBudgetStopsThereAndTheSummarySaysSo() throws Exception {
        Path config = setUp();
        CliRunner.Result r = CliRunner.run("grpo", "--config", config.toString(), "--set",
                "train.output_dir=" + tmp.resolve("budget"), "--set", "eval.kl_budget=1e-6", "--set",
                "eval.stop_on_kl_budget=true");
        r.succeeded();
        assertThat(r.out()).contains("stopping at iteration 1: the KL to the reference")
                .containsPattern("held-out combined reward: -?[0-9.]+ before, -?[0-9.]+ after; held-out KL [0-9.]+")
                .contains("passed the budget of 0.000001 nats per answer at iteration 1")
                .contains("stop_on_kl_budget ended the run there");
        assertThat(tmp.resolve("budget/final/model.safetensors")).exists();
    }

    @Test
    void aRunLogsEveryRewardComponentWhoseWeightedSumIsTheLoggedReward() throws Exception {
        Path config = setUp();
        CliRunner.Result r = CliRunner.run("grpo", "--config", config.toString());
        r.succeeded();
        assertThat(r.out()).contains("GRPO: 4 training prompts, 4 held-out, 2 answers each")
                .contains("held-out combined reward:").contains("policy saved to");
        List<JsonNode> metrics = RlModels.metrics(tmp.resolve("run"));
        List<JsonNode> iterations = metrics.stream().filter(m -> m.has("reward")).toList();
        assertThat(iterations).hasSize(2);
        for (JsonNode m : iterations) {
            double sum = m.get("reward_reward_model").asDouble() + 2 * m.get("reward_safety").asDouble()
                    + 0.1 * m.get("reward_length").asDouble() + 0.5 * m.get("reward_format").asDouble();
            assertThat(m.get("reward").asDouble()).isCloseTo(sum, within(1e-9));
        }
        JsonNode firstEval = metrics.get(0);
        assertThat(firstEval.get("step").asInt()).isZero();
        assertThat(firstEval.has("eval_safety_pass_rate")).isTrue(); // one held-out prompt is a red flag
        assertThat(tmp.resolve("run/final/model.safetensors")).exists();
        assertThat(tmp.resolve("run/checkpoint-2/training_state/trainer_state.json")).exists();
    }

    @Test
    void theExamplePrintsAndAnUnknownKeyIsAnError() throws Exception {
        CliRunner.Result ex = CliRunner.run("grpo", "--example");
        ex.succeeded();
        assertThat(ex.out()).contains("algorithm: grpo").contains("rewards:");
        Path config = Files.writeString(tmp.resolve("g.yaml"), "policy: p\nprompts: {train: t.jsonl}\n");
        CliRunner.Result bad = CliRunner.run("grpo", "--config", config.toString(), "--set", "grpo.group_sise=4");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("group_sise");
    }
}
