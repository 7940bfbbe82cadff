package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.data.EncodedPairs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpoTrainerTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path policy;
    static final List<PreferencePair> TRAIN = Fixtures.pairs(32, 1);
    static final List<PreferencePair> EVAL = heldOut(16);

    @BeforeAll
    static void policy() {
        policy = Fixtures.tinyPolicy(shared.resolve("policy"), 7);
    }

    /** Pairs whose prompts are not in the training set. */
    static List<PreferencePair> heldOut(int n) {
        List<PreferencePair> out = new ArrayList<>();
        java.util.Set<String> trainPrompts = new java.util.HashSet<>();
        TRAIN.forEach(p -> trainPrompts.add(p.plainPrompt()));
        for (PreferencePair p : Fixtures.pairs(200, 2)) {
            if (out.size() < n && !trainPrompts.contains(p.plainPrompt())) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void precomputedReferenceGivesTheSameLossesAsAFrozenModelReference() throws Exception {
        List<List<JsonNode>> runs = new ArrayList<>();
        for (String mode : List.of("model", "precomputed")) {
            Path out = tmp.resolve(mode);
            List<String> o = Runs.base(policy, out, 4);
            o.addAll(List.of("dpo.reference=" + mode, "train.eval_every=2"));
            Runs.run(Runs.config(o), TRAIN, EVAL);
            runs.add(Runs.metrics(out));
        }
        for (String key : List.of("loss", "eval_loss", "rewards/margins", "eval_rewards/margins", "logps/chosen")) {
            List<Double> live = Runs.series(runs.get(0), key);
            List<Double> cached = Runs.series(runs.get(1), key);
            assertThat(live).as(key).hasSize(cached.size()).isNotEmpty();
            for (int i = 0; i < live.size(); i++) {
                assertThat(cached.get(i)).as(key + " #" + i).isCloseTo(live.get(i), within(2e-4 + 1e-4 * Math.abs(live.get(i))));
            }
        }
        // The first step starts at the policy = reference point: margin 0, loss ln 2.
        assertThat(Runs.series(runs.get(1), "eval_loss").get(0)).isCloseTo(Math.log(2), within(1e-4));
        try (var files = Files.list(tmp.resolve("precomputed"))) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.matches("ref_logps-[0-9a-f]{16}\\.safetensors"));
        }
    }

    @Test
    void aKlBudgetMeasuresTheHeldOutKlFromZeroAndStopsTheRunWhenItIsPassed() {
        Path out = tmp.resolve("kl");
        List<String> o = Runs.base(policy, out, 12);
        o.addAll(List.of("dpo.reference=precomputed", "train.eval_every=2", "dpo.kl_budget=0.05",
                "dpo.stop_on_kl_budget=true", "dpo.kl_prompts=4", "dpo.kl_max_new_tokens=8"));
        Runs.Output r = Runs.run(Runs.config(o), TRAIN, EVAL);
        List<JsonNode> m = Runs.metrics(out);
        List<Double> kl = Runs.series(m, "eval_kl");
        assertThat(kl.get(0)).isCloseTo(0.0, within(1e-5)); // step 0: the policy is the reference
        assertThat(r.printed()).contains("eval_kl on answers sampled to 4 held-out prompts, budget 0.05 nats");
        assertThat(r.result().stoppedEarly()).isTrue();
        assertThat(r.result().steps()).isLessThan(12);
        assertThat(kl.get(kl.size() - 1)).isGreaterThan(0.05);
        assertThat(Runs.series(m, "eval_kl_budget_used").get(kl.size() - 1)).isGreaterThan(1.0);
        assertThat(r.printed()).contains("passed the budget of 0.05 (stop_on_kl_budget)");
        assertThat(r.result().klBudgetWarning()).contains("passed the budget of 0.05 nats per answer");
    }

    @Test
    void dpoLiftsHeldOutPreferenceAccuracyChangesEveryParameterAndLogsBothLogProbs() {
        Path out = tmp.resolve("run");
        List<String> o = Runs.base(policy, out, 12);
        o.addAll(List.of("dpo.reference=precomputed", "train.eval_every=6"));
        Runs.Output r = Runs.run(Runs.config(o), TRAIN, EVAL);
        List<JsonNode> m = Runs.metrics(out);
        List<Double> acc = Runs.series(m, "eval_preference_accuracy");
        assertThat(acc.get(0)).isCloseTo(0.5, within(1e-9)); // policy = reference: every margin is 0
        assertThat(acc.get(acc.size() - 1)).isGreaterThanOrEqualTo(0.9);
        List<Double> loss = Runs.series(m, "loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(Runs.series(m, "logps/chosen")).hasSize(12);
        assertThat(Runs.series(m, "logps/rejected")).hasSize(12);
        assertThat(Runs.series(m, "eval_logps/chosen")).isNotEmpty();
        for (String k : List.of("rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies")) {
            assertThat(Runs.series(m, k)).as(k).hasSize(12);
            assertThat(Runs.series(m, "eval_" + k)).as("eval_" + k).hasSize(3);
        }
        Path fin = r.result().finalDir();
        assertThat(fin.resolve("tokenizer.json")).exists();
        try (PretrainedModel before = HfCheckpoint.load(policy); PretrainedModel after = HfCheckpoint.load(fin)) {
            Map<String, ai.djl.nn.Parameter> a = after.module().namedParameters();
            before.module().namedParameters().forEach((name, p) -> assertThat(
                    p.getArray().sub(a.get(name).getArray()).abs().max().getFloat()).as(name).isGreaterThan(0f));
        }
    }

    @Test
    void anFp16RunWithALiveReferenceStartsAtLn2AndLiftsHeldOutAccuracy() {
        Path out = tmp.resolve("fp16");
        List<String> o = Runs.base(policy, out, 12);
        o.addAll(List.of("dpo.reference=model", "train.eval_every=6", "train.precision=fp16"));
        Runs.run(Runs.config(o), TRAIN, EVAL);
        List<JsonNode> m = Runs.metrics(out);
        // policy and reference are the same fp16 weights at the start: every margin is exactly 0
        assertThat(Runs.series(m, "eval_loss").get(0)).isCloseTo(Math.log(2), within(1e-6));
        List<Double> acc = Runs.series(m, "eval_preference_accuracy");
        assertThat(acc.get(acc.size() - 1)).isGreaterThanOrEqualTo(0.9);
        assertThat(Runs.series(m, "loss_scale")).isNotEmpty();
    }
}
