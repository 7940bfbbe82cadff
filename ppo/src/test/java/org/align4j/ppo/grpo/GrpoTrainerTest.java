package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.train.TinyRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny GRPO and RLOO runs: what they train, log, evaluate and save. */
class GrpoTrainerTest {
    @TempDir static Path tmp;
    static Path policyDir;
    static Path prompts;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void models() {
        policyDir = TinyModels.policy(tmp.resolve("policy"), 5);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void grpoTrainsEveryWeightLogsEachRewardComponentAndEvaluatesBeforeAndAfter() throws Exception {
        Path out = tmp.resolve("grpo");
        GrpoConfig cfg = TinyGrpo.config(policyDir, prompts, out, "prompts.eval=" + prompts, "eval.max_prompts=4",
                "eval.batch_size=4");
        try (GrpoParts parts = GrpoSetup.load(cfg, TinyGrpo.rewards(), null)) {
            Policy p = parts.inputs().policy();
            Map<String, float[]> before = TinyRun.snapshot(p.bundle().pretrained().module());
            GrpoResult r = TinyGrpo.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(r.interrupted()).isFalse();
            assertThat(TinyRun.changed(p.bundle().pretrained().module(), before)).containsExactlyInAnyOrderElementsOf(before.keySet());
        }
        List<JsonNode> metrics = lines(out.resolve("metrics.jsonl"));
        List<JsonNode> iterations = metrics.stream().filter(m -> m.has("reward")).toList();
        assertThat(iterations).hasSize(2);
        for (JsonNode m : iterations) {
            // the logged total is the weighted sum of the logged components
            assertThat(m.get("reward").asDouble()).isCloseTo(m.get("reward_vowels").asDouble()
                    + 0.05 * m.get("reward_length").asDouble(), within(1e-9));
            assertThat(m.get("kl").asDouble()).isFinite();
            assertThat(m.get("kl_k3").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(m.get("clip_fraction").asDouble()).isBetween(0.0, 1.0);
        }
        List<JsonNode> evals = metrics.stream().filter(m -> m.has("eval_reward")).toList();
        assertThat(evals).hasSize(2);
        assertThat(evals.get(0).get("step").asInt()).isZero();
        assertThat(evals.get(0).get("eval_kl").asDouble()).isCloseTo(0, within(1e-4)); // the policy is the reference
        assertThat(evals.get(1).has("eval_reward_vowels")).isTrue();
        assertThat(out.resolve("final/model.safetensors")).exists();
        JsonNode sample = lines(out.resolve("samples.jsonl")).get(0);
        assertThat(sample.has("reward_vowels")).isTrue();
        assertThat(sample.has("advantage")).isTrue();
    }

    @Test
    void aSingleStepOnItsOwnRolloutClipsNothing() throws Exception {
        Path out = tmp.resolve("one-epoch");
        GrpoConfig cfg = TinyGrpo.config(policyDir, prompts, out, "grpo.epochs=1", "grpo.minibatch_size=16",
                "grpo.iterations=1");
        try (GrpoParts parts = GrpoSetup.load(cfg, TinyGrpo.rewards(), null)) {
            TinyGrpo.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
        }
        JsonNode m = lines(out.resolve("metrics.jsonl")).get(0);
        // one step on its own rollout: π = π_old, nothing clipped
        assertThat(m.get("clip_fraction").asDouble()).isZero();
    }

    @Test
    void rlooWithLoraTrainsOnlyTheAdaptersAndTakesTheKlFromTheReward() throws Exception {
        Path out = tmp.resolve("rloo-lora");
        GrpoConfig cfg = TinyGrpo.config(policyDir, prompts, out, "grpo.algorithm=rloo", "lora={r: 2, alpha: 4}");
        assertThat(cfg.grpo().klInReward()).isTrue();
        try (GrpoParts parts = GrpoSetup.load(cfg, TinyGrpo.rewards(), null)) {
            Policy p = parts.inputs().policy();
            Map<String, float[]> base = TinyRun.snapshot(p.bundle().pretrained().module());
            List<float[]> adapters = p.trainableParameters().stream()
                    .map(t -> t.parameter().getArray().toFloatArray()).toList();
            GrpoResult r = TinyGrpo.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(r.finalDir().resolve("adapter_model.safetensors")).exists();
            assertThat(p.reference().ownsWeights()).isFalse();
            assertThat(TinyRun.changed(p.bundle().pretrained().module(), base)).isEmpty(); // the reference is untouched
            for (int i = 0; i < adapters.size(); i++) {
                assertThat(p.trainableParameters().get(i).parameter().getArray().toFloatArray())
                        .as(p.trainableParameters().get(i).name()).isNotEqualTo(adapters.get(i));
            }
            assertThat(p.lora().enabled()).isTrue();
        }
        JsonNode m = lines(out.resolve("metrics.jsonl")).get(0);
        assertThat(m.get("kl_k3").asDouble()).isGreaterThanOrEqualTo(0);
    }
}
