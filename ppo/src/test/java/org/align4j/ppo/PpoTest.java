package org.align4j.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.config.ConfigException;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.train.PpoMetrics;
import org.align4j.ppo.train.PpoResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoTest {
    @TempDir Path tmp;

    @Test
    void theDemoConfigurationRunsFromJavaAndItsFinalPolicyAndMetricsComeBack() throws Exception {
        Path policy = TinyModels.policy(tmp.resolve("policy"), 5);
        Path rm = TinyModels.rewardModel(tmp.resolve("rm"), 6);
        Path prompts = Files.write(tmp.resolve("prompts.jsonl"), List.of(
                "{\"prompt\": \"my child has a fever\", \"chosen\": \"see a doctor\", \"rejected\": \"wait\"}",
                "{\"prompt\": \"what helps a sore throat\", \"chosen\": \"warm tea\", \"rejected\": \"nothing\"}"));
        PpoConfig cfg = Ppo.demoConfig(List.of("policy=" + policy, "reward_model=" + rm, "prompts.train=" + prompts,
                "prompts.eval=" + prompts, "train.output_dir=" + tmp.resolve("run"), "ppo.iterations=2",
                "ppo.rollout_batch_size=4", "ppo.minibatch_size=2", "ppo.micro_batch_size=2", "ppo.ppo_epochs=1",
                "generation.max_new_tokens=4", "eval.every=1"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PpoResult r = Ppo.run(cfg, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("2 training prompts, 2 held-out");
        assertThat(r.runDir()).isEqualTo(tmp.resolve("run"));
        assertThat(r.finalDir()).isEqualTo(tmp.resolve("run/final"));
        assertThat(r.finalDir().resolve("model.safetensors")).exists();
        PpoMetrics m = r.metrics();
        assertThat(m.iterations()).extracting(it -> it.get("step")).containsExactly(1.0, 2.0);
        assertThat(m.evaluations()).extracting(e -> e.get("step")).containsExactly(0.0, 1.0, 2.0);
        assertThat(m.series("kl")).hasSize(2);
        assertThat(m.evalSeries("eval_reward")).first().isEqualTo(r.firstEvalReward());
        assertThat(m.evalSeries("eval_reward")).last().isEqualTo(r.lastEvalReward());
    }

    @Test
    void theDemoConfigurationNeedsItsModelAndDataPaths() {
        assertThat(Ppo.demoYaml()).contains("kl:");
        assertThatThrownBy(() -> Ppo.demoConfig(List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ppo.demo.yaml: policy: must be set");
    }

    @Test
    void aMetricsLineThatIsNotJsonIsReportedWithItsLine() throws Exception {
        Path f = Files.write(tmp.resolve("metrics.jsonl"), List.of("{\"step\": 0, \"eval_reward\": 0.5}",
                "{\"step\": 1, \"kl\": 0.1}", "{oops"));
        assertThatThrownBy(() -> PpoMetrics.read(f)).hasMessageContaining("metrics.jsonl:3: not a JSON object");
        Files.write(f, List.of("{\"step\": 0, \"eval_reward\": 0.5}", "{\"step\": 1, \"kl\": 0.1, \"note\": \"x\"}"));
        PpoMetrics m = PpoMetrics.read(f);
        assertThat(m.evalSeries("eval_reward")).containsExactly(0.5);
        assertThat(m.iterations()).containsExactly(java.util.Map.of("step", 1.0, "kl", 0.1));
    }
}
