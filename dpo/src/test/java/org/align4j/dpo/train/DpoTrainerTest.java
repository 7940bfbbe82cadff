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
import org.align4j.dpo.reference.LiveReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpoTrainerTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path policy;
    static final List<PreferencePair> TRAIN = Fixtures.pairs(48, 1);
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
    void precomputedReferenceGivesTheSameLossesAsALiveReference() throws Exception {
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
    void dpoLiftsHeldOutPreferenceAccuracyChangesEveryParameterAndLogsBothLogProbs() {
        Path out = tmp.resolve("run");
        List<String> o = Runs.base(policy, out, 24);
        o.addAll(List.of("dpo.reference=precomputed", "train.eval_every=12"));
        Runs.Output r = Runs.run(Runs.config(o), TRAIN, EVAL);
        List<JsonNode> m = Runs.metrics(out);
        List<Double> acc = Runs.series(m, "eval_preference_accuracy");
        assertThat(acc.get(0)).isCloseTo(0.5, within(1e-9)); // policy = reference: every margin is 0
        assertThat(acc.get(acc.size() - 1)).isGreaterThanOrEqualTo(0.9);
        List<Double> loss = Runs.series(m, "loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(Runs.series(m, "logps/chosen")).hasSize(24);
        assertThat(Runs.series(m, "logps/rejected")).hasSize(24);
        assertThat(Runs.series(m, "eval_logps/chosen")).isNotEmpty();
        for (String k : List.of("rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies")) {
            assertThat(Runs.series(m, k)).as(k).hasSize(24);
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
    void resumingAfterAStopGivesTheWeightsOfAnUninterruptedRun() {
        Path whole = tmp.resolve("whole");
        List<String> o = Runs.base(policy, whole, 4);
        o.add("dpo.reference=precomputed");
        Path a = Runs.run(Runs.config(o), TRAIN, EVAL).result().finalDir();

        Path parts = tmp.resolve("parts");
        List<String> first = Runs.base(policy, parts, 2);
        first.add("dpo.reference=precomputed");
        Runs.run(Runs.config(first), TRAIN, EVAL);
        List<String> second = Runs.base(policy, parts, 4);
        second.addAll(List.of("dpo.reference=precomputed", "train.resume=true"));
        Runs.Output resumed = Runs.run(Runs.config(second), TRAIN, EVAL);
        assertThat(resumed.printed()).contains("reusing ref_logps-").contains("resuming from");
        try (PretrainedModel x = HfCheckpoint.load(a); PretrainedModel y = HfCheckpoint.load(resumed.result().finalDir())) {
            Map<String, ai.djl.nn.Parameter> py = y.module().namedParameters();
            x.module().namedParameters().forEach((name, p) -> assertThat(
                    p.getArray().sub(py.get(name).getArray()).abs().max().getFloat()).as(name).isLessThan(1e-6f));
        }
    }

    @Test
    void everyLossTrainsWithFiniteLossAndLowersIt() {
        for (String[] variant : new String[][] {
            {"dpo.loss=sigmoid", "dpo.label_smoothing=0.1", "dpo.sft_weight=0.5"},
            {"dpo.loss=ipo", "dpo.beta=0.5"},
            {"dpo.loss=hinge"},
            {"dpo.loss=simpo", "dpo.beta=2.0"},
            {"dpo.loss=orpo"}}) {
            Path out = tmp.resolve(variant[0].substring(9) + variant.length);
            List<String> o = Runs.base(policy, out, 6);
            o.addAll(List.of(variant));
            Runs.run(Runs.config(o), TRAIN, List.of());
            List<Double> loss = Runs.series(Runs.metrics(out), "loss");
            assertThat(loss).as(String.join(" ", variant)).allMatch(Double::isFinite).hasSize(6);
            assertThat(loss.get(5)).as(String.join(" ", variant)).isLessThan(loss.get(0));
        }
    }

    @Test
    void aFrozenPolicyIsRefusedInsteadOfTrainingAtLn2() {
        try (PolicyModel p = PolicyModel.load(policy, null)) {
            p.lm().setTrainable(false);
            EncodedPairs tr = EncodedPairs.encode("train", TRAIN, p.encoder(), 128);
            DpoConfig cfg = Runs.config(Runs.base(policy, tmp.resolve("x"), 1));
            assertThatThrownBy(() -> new DpoTask(p, tr, tr, new LiveReference(HfCheckpoint.load(policy)),
                    new PreferenceObjective(cfg.dpo()), 8))
                    .hasMessageContaining("no trainable parameter").hasMessageContaining("ln 2");
        }
    }

    @Test
    void aPolicyForwardWithoutAutogradOrWithDetachedArraysIsRefused() {
        try (PolicyModel p = PolicyModel.load(policy, null);
                LiveReference ref = new LiveReference(HfCheckpoint.load(policy))) {
            EncodedPairs tr = EncodedPairs.encode("train", TRAIN, p.encoder(), 128);
            DpoConfig cfg = Runs.config(Runs.base(policy, tmp.resolve("x"), 1));
            DpoTask task = new DpoTask(p, tr, tr, ref, new PreferenceObjective(cfg.dpo()), 8);
            try (NDManager m = NDManager.newBaseManager(); NoGrad ignored = NoGrad.enter()) {
                assertThatThrownBy(() -> task.loss(m, task.collate(new int[] {0, 1, 2})))
                        .hasMessageContaining("without autograd").hasMessageContaining("ln 2");
            }
            try (NDManager m = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                var lo = task.loss(m, task.collate(new int[] {0, 1, 2}));
                assertThat(lo.lossSum().getFloat() / 3).isCloseTo((float) Math.log(2), within(1e-5f));
                assertThat(lo.metricSums()).containsKeys("logps/chosen", "logps/rejected", "rewards/margins");
            }
            // Arrays detached from their parameters (a load that replaced them) give zero gradients: refused.
            p.lm().namedParameters().values().forEach(q -> q.getArray().setRequiresGradient(false));
            try (NDManager m = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                assertThatThrownBy(() -> task.loss(m, task.collate(new int[] {0, 1, 2})))
                        .hasMessageContaining("requires a gradient").hasMessageContaining("ln 2");
            }
        }
    }
}
