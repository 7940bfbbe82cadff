package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.train.TinyRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KL budget in the RL loop, as DPO's: reported, warned about, and (with stop) ending the run near the reference. */
class GrpoKlBudgetTest {
    @TempDir static Path tmp;
    static Path policyDir;
    static Path prompts;
    static int threads;

    @BeforeAll
    static void models() {
        threads = TinyRun.singleThread(); // two runs are compared weight for weight
        policyDir = TinyModels.policy(tmp.resolve("policy"), 5);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
    }

    @AfterAll
    static void restore() {
        TinyRun.restoreThreads(threads);
    }

    /** 3 iterations, a held-out evaluation after each, a checkpoint after each. */
    static GrpoConfig config(Path out, String... extra) {
        List<String> o = TinyRun.withExtra(List.of("grpo.iterations=3", "prompts.eval=" + prompts,
                "eval.max_prompts=4", "eval.batch_size=4", "eval.every=1"), extra);
        return TinyGrpo.config(policyDir, prompts, out, o.toArray(String[]::new));
    }

    static GrpoResult run(GrpoConfig cfg, ByteArrayOutputStream log) {
        try (GrpoParts parts = GrpoSetup.load(cfg, TinyGrpo.rewards(), null)) {
            return TinyGrpo.run(cfg, parts, new StopSignal(), log);
        }
    }

    static List<JsonNode> evals(Path out) throws Exception {
        return GrpoTrainerTest.lines(out.resolve("metrics.jsonl")).stream().filter(m -> m.has("eval_kl")).toList();
    }

    @Test
    void aRunStopsAtTheFirstEvaluationOverItsBudgetWithTheWeightsOfTheLatestEvaluationWithinIt() throws Exception {
        Path free = tmp.resolve("free");
        GrpoResult unbounded = run(config(free), new ByteArrayOutputStream());
        assertThat(unbounded.klBudgetWarning()).isNull(); // no budget, no warning
        List<JsonNode> e = evals(free);
        double kl1 = e.get(1).get("eval_kl").asDouble();
        double kl2 = e.get(2).get("eval_kl").asDouble();
        assertThat(kl2).as("the setting: KL grows from iteration 1 to 2").isGreaterThan(kl1);
        double budget = (kl1 + kl2) / 2;

        Path out = tmp.resolve("stopped");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        GrpoResult r = run(config(out, "eval.kl_budget=" + budget, "eval.stop_on_kl_budget=true"), log);
        assertThat(r.iterations()).isEqualTo(2);
        assertThat(r.finalIteration()).isEqualTo(1);
        assertThat(r.metrics().evaluationAt(1).get("eval_kl")).isEqualTo(kl1);
        assertThat(r.interrupted()).isFalse();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("stopping at iteration 2")
                .contains("the final model is the best evaluation within the budget, iteration 1");
        assertThat(r.klBudgetWarning()).contains("passed the budget of").contains("at iteration 2")
                .endsWith("stop_on_kl_budget ended the run there");
        // the final model is iteration 1's, as the unbounded run saved it; iteration 2's update is undone
        assertThat(Files.mismatch(out.resolve("final/model.safetensors"), free.resolve("checkpoint-1/model.safetensors")))
                .isEqualTo(-1L);
        assertThat(Files.mismatch(free.resolve("checkpoint-1/model.safetensors"),
                free.resolve("checkpoint-2/model.safetensors"))).isNotEqualTo(-1L);
        List<JsonNode> judged = evals(out);
        assertThat(judged).hasSize(3);
        assertThat(judged.get(1).get("eval_kl_budget_used").asDouble()).isLessThan(1.0);
        assertThat(judged.get(2).get("eval_kl_budget_used").asDouble()).isGreaterThan(1.0);
    }

    @Test
    void withoutStopARunOverItsBudgetTrainsToTheEndAndWarns() throws Exception {
        Path out = tmp.resolve("warned");
        GrpoResult r = run(config(out, "eval.kl_budget=1e-3"), new ByteArrayOutputStream());
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.finalIteration()).isEqualTo(3);
        assertThat(r.klBudgetWarning()).startsWith("warning: the KL to the reference passed the budget of 0.001 nats")
                .contains("at iteration 1");
        assertThat(evals(out)).allSatisfy(m -> assertThat(m.has("eval_kl_budget_used")).isTrue());
    }
}
