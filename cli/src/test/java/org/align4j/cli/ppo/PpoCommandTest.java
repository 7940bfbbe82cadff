package org.align4j.cli.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.RlModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoCommandTest {
    @TempDir Path tmp;

    /** A tiny GPT-2 policy and BERT reward model made with the CLI itself, prompt files and a config. */
    Path setUp() throws Exception {
        RlModels.create(tmp, List.of("my child has a high fever", "please see a doctor today",
                "chest pain needs emergency care", "rest and drink water", "what helps a sore throat",
                "take the tablets after food", "call an ambulance now"));
        List<String> prompts = List.of("my child has a fever", "what helps a sore throat", "chest pain at night",
                "is rest enough", "when to see a doctor", "can I take two tablets");
        RlModels.writePairs(tmp.resolve("train.jsonl"), prompts);
        RlModels.writePairs(tmp.resolve("eval.jsonl"), prompts.subList(0, 2));
        return RlModels.writeConfig(tmp, "ppo.yaml", tmp.resolve("train.jsonl"), tmp.resolve("eval.jsonl"),
                "reward_model: " + tmp.resolve("rm"),
                "reward: {normalize: false}",
                "kl: {init_coef: 0.1, target: 1.0}",
                "ppo: {iterations: 2, rollout_batch_size: 4, minibatch_size: 2, micro_batch_size: 2, ppo_epochs: 1,"
                        + " log_samples_every: 1, samples_logged: 1}",
                "eval: {every: 1, batch_size: 2}");
    }

    @Test
    void aRunTrainsLogsEvaluatesAndRefusesToOverwriteItsCheckpoints() throws Exception {
        Path config = setUp();
        CliRunner.Result r = CliRunner.run("ppo", "--config", config.toString());
        r.succeeded();
        assertThat(r.out()).contains("6 training prompts, 2 held-out; reference: a frozen second load of the policy")
                .contains("held-out reward:").contains("time: generation").contains("policy saved to");
        List<JsonNode> metrics = RlModels.metrics(tmp.resolve("run"));
        // eval before training (step 0), then per iteration a training line and an eval line
        assertThat(metrics.get(0).get("step").asInt()).isZero();
        assertThat(metrics.get(0).has("eval_reward")).isTrue();
        assertThat(metrics.get(0).has("eval_greedy_reward")).isTrue(); // what users see, besides the sampled measure
        assertThat(metrics.stream().filter(m -> m.has("kl")).count()).isEqualTo(2);
        assertThat(metrics.stream().filter(m -> m.has("eval_kl")).count()).isEqualTo(3);
        assertThat(tmp.resolve("run/final/model.safetensors")).exists();
        assertThat(tmp.resolve("run/checkpoint-2/training_state/ppo_state.json")).exists();
        assertThat(Files.readAllLines(tmp.resolve("run/samples.jsonl"))).hasSize(2);

        CliRunner.Result again = CliRunner.run("ppo", "--config", config.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds checkpoints").contains("--resume");
    }

    @Test
    void theExampleIsPrintedAndAMissingConfigIsExplained() {
        CliRunner.Result example = CliRunner.run("ppo", "--example");
        example.succeeded();
        assertThat(example.out()).contains("kl:").contains("missing_eos_penalty");
        CliRunner.Result none = CliRunner.run("ppo");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("--config is required").contains("align ppo --example");
    }
}
