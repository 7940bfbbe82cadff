package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.reference.ModelReference;
import org.align4j.core.bundle.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume, every loss, LoRA with the adapters-off reference, and the refusal of a policy that cannot learn. */
class DpoTrainingModesTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path policy;
    static final List<PreferencePair> TRAIN = Fixtures.pairs(24, 3);
    static final List<PreferencePair> EVAL = Fixtures.pairs(8, 4);

    @BeforeAll
    static void policy() {
        policy = Fixtures.tinyPolicy(shared.resolve("policy"), 11);
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
            {"dpo.loss=ipo", "dpo.beta=0.1"},
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
    void loraTrainsOnlyTheAdaptersAndItsAdaptersOffReferenceMatchesThePrecomputedOne() {
        List<List<Double>> losses = new java.util.ArrayList<>();
        Path last = null;
        for (String mode : List.of("model", "precomputed")) {
            Path out = tmp.resolve("lora-" + mode);
            List<String> o = Runs.base(policy, out, 3);
            o.addAll(List.of("dpo.reference=" + mode, "lora.r=4", "lora.dropout=0.0", "train.eval_every=3"));
            Runs.Output r = Runs.run(Runs.config(o), TRAIN, EVAL);
            assertThat(r.printed()).contains("LoRA adapters, base frozen");
            losses.add(Runs.series(Runs.metrics(out), "eval_loss"));
            last = r.result().finalDir();
        }
        assertThat(losses.get(1)).hasSameSizeAs(losses.get(0));
        for (int i = 0; i < losses.get(0).size(); i++) {
            assertThat(losses.get(1).get(i)).isCloseTo(losses.get(0).get(i), within(2e-4));
        }
        assertThat(losses.get(0).get(1)).isLessThan(losses.get(0).get(0));
        assertThat(last.resolve("adapter_config.json")).exists();
        assertThat(last.resolve("adapter_model.safetensors")).exists();
        assertThat(last.resolve("tokenizer.json")).exists();
    }

    @Test
    void aFrozenPolicyIsRefusedInsteadOfTrainingAtLn2() {
        try (ModelBundle p = ModelBundle.load(policy)) {
            p.lm().setTrainable(false);
            EncodedPairs tr = EncodedPairs.encode("train", TRAIN, p.encoder(), 128);
            DpoConfig cfg = Runs.config(Runs.base(policy, tmp.resolve("x"), 1));
            assertThatThrownBy(() -> new DpoTask(p, tr, tr, new ModelReference(p.reference()),
                    new PreferenceObjective(cfg.dpo()), 8))
                    .hasMessageContaining("no trainable parameter").hasMessageContaining("ln 2");
        }
    }

    @Test
    void aPolicyForwardWithoutAutogradOrWithDetachedArraysIsRefused() {
        try (ModelBundle p = ModelBundle.load(policy);
                ModelReference ref = new ModelReference(p.reference())) {
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

    @Test
    void noNativeArrayOutlivesAStepOrAnEvaluation() throws Exception {
        try (ModelBundle p = ModelBundle.load(policy);
                ModelReference ref = new ModelReference(p.reference())) {
            EncodedPairs tr = EncodedPairs.encode("train", TRAIN, p.encoder(), 128);
            EncodedPairs ev = EncodedPairs.encode("eval", EVAL, p.encoder(), 128);
            DpoConfig cfg = Runs.config(Runs.base(policy, tmp.resolve("x"), 1));
            DpoTask task = new DpoTask(p, tr, ev, ref, new PreferenceObjective(cfg.dpo()), 8);
            List<Integer> counts = new java.util.ArrayList<>();
            for (int step = 0; step < 4; step++) {
                try (NDManager m = NDManager.newBaseManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(task.loss(m, task.collate(new int[] {step, step + 1, step + 2})).lossSum());
                }
                task.evaluate();
                counts.add(live(p.pretrained().manager()));
            }
            // The first backward allocates each parameter's gradient; after that nothing accumulates.
            assertThat(counts.subList(1, 4)).containsOnly(counts.get(0));
        }
    }

    static int live(NDManager manager) throws ReflectiveOperationException {
        java.lang.reflect.Field f = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
        f.setAccessible(true);
        int n = 0;
        for (Object r : ((Map<?, ?>) f.get(manager)).values()) {
            n += r instanceof NDManager m ? 1 + live(m) : 1;
        }
        return n;
    }
}
