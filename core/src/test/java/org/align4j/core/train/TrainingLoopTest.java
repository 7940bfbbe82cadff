package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    /** Arithmetic sequences mod 40: learnable from a few examples. */
    static List<long[]> data(int n, long seed) {
        Random r = new Random(seed);
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = r.nextInt(40);
            int stride = 1 + r.nextInt(2);
            long[] s = new long[12];
            for (int t = 0; t < s.length; t++) {
                s[t] = (start + (long) t * stride) % 40;
            }
            out.add(s);
        }
        return out;
    }

    /** A tiny GPT-2 with dropout on, so that exact resume must reproduce the dropout masks. */
    static PretrainedModel model(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Gpt2Config c = new Gpt2Config(40, 16, 32, 2, 4, 64, 1e-5, 0.02, "gelu_new", 0.1, 0.1, 0.1, false);
        return HfCheckpoint.initialize(c, null);
    }

    static TrainConfig config(Path dir, String... sets) {
        List<String> all = new ArrayList<>(List.of("output_dir=" + dir, "lr=3e-3", "batch_size=3", "grad_accum=2",
                "max_steps=12", "warmup_steps=2", "save_every=4", "log_every=2", "weight_decay=0.01", "seed=5"));
        all.addAll(List.of(sets));
        return RunConfigLoader.load(null, all, TrainConfig.class, TrainConfig.defaults(), Map.of());
    }

    TrainingResult train(LmTestTask task, TrainConfig cfg, StopSignal signal) {
        return new TrainingLoop(cfg, task, RunConfigLoader.toYaml(cfg), signal, out).run();
    }

    static Map<String, float[]> weights(PretrainedModel m) {
        Map<String, float[]> w = new LinkedHashMap<>();
        m.module().namedParameters().forEach((k, p) -> w.put(k, p.getArray().toFloatArray()));
        return w;
    }

    @Test
    void trainingLowersTheEvaluationLossAndWritesMetricsCheckpointsAndTheFinalModel() throws Exception {
        try (PretrainedModel m = model(1)) {
            LmTestTask task = new LmTestTask(m, data(24, 1), data(6, 2));
            TrainingResult r = train(task, config(tmp, "max_steps=30", "eval_every=10", "save_total_limit=2"),
                    new StopSignal());
            assertThat(r.steps()).isEqualTo(30);
            assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss() - 0.5);
            assertThat(Checkpoints.list(tmp)).extracting(p -> p.getFileName().toString())
                    .containsExactly("checkpoint-28", "checkpoint-30");
            Path last = tmp.resolve("checkpoint-30");
            assertThat(last.resolve("model.safetensors")).exists();
            assertThat(last.resolve("run_config.yaml")).exists();
            assertThat(last.resolve("training_state/optimizer.safetensors")).exists();
            assertThat(tmp.resolve("final/config.json")).exists();
            List<String> lines = Files.readAllLines(tmp.resolve("metrics.jsonl"));
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(lines.get(0)).get("step").asInt()).isZero(); // evaluation before training
            assertThat(lines.stream().filter(l -> l.contains("\"loss\"")).count()).isEqualTo(15);
            assertThat(json.readTree(lines.get(1)).fieldNames()).toIterable()
                    .contains("step", "loss", "lr", "grad_norm", "tokens_per_s", "epoch", "rows");
            assertThat(Files.list(tmp.resolve("tensorboard")).findFirst().orElseThrow().getFileName().toString())
                    .startsWith("events.out.tfevents");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("step 30/30").contains("eval_loss");
        }
    }

    @Test
    void everyTrainableParameterChangesInOneStep() {
        try (PretrainedModel m = model(1)) {
            Map<String, float[]> before = weights(m);
            train(new LmTestTask(m, data(6, 1), List.of()), config(tmp, "max_steps=1", "grad_accum=1"), new StopSignal());
            Map<String, float[]> after = weights(m);
            before.forEach((k, v) -> assertThat(after.get(k)).as(k).isNotEqualTo(v));
        }
    }

    @Test
    void aRunStoppedOrKilledAndResumedEndsWithTheWeightsOfAnUninterruptedRun() {
        Map<String, float[]> straight;
        try (PretrainedModel m = model(1)) {
            train(new LmTestTask(m, data(10, 1), data(4, 2)), config(tmp.resolve("a"), "eval_every=3"), new StopSignal());
            straight = weights(m);
        }
        // Stopped (Ctrl-C) during step 6: the loop finishes the step, saves checkpoint-6 and returns.
        StopSignal signal = new StopSignal();
        try (PretrainedModel m = model(1)) {
            LmTestTask task = new LmTestTask(m, data(10, 1), data(4, 2)) {
                @Override
                public LossOutput loss(NDManager step, MicroBatch batch) {
                    if (lossCalls == 11) {
                        signal.requestStop();
                    }
                    return super.loss(step, batch);
                }
            };
            TrainingResult r = train(task, config(tmp.resolve("b"), "eval_every=3"), signal);
            assertThat(r.interrupted()).isTrue();
            assertThat(r.steps()).isEqualTo(6);
            assertThat(r.finalDir()).isNull();
        }
        try (PretrainedModel m = model(99)) { // other initial weights: the checkpoint must replace them
            train(new LmTestTask(m, data(10, 1), data(4, 2)), config(tmp.resolve("b"), "eval_every=3", "resume=true"),
                    new StopSignal());
            assertClose(weights(m), straight);
        }
        // Killed during step 7 (no save): resumes from checkpoint-4 and repeats steps 5 to 7.
        try (PretrainedModel m = model(1)) {
            LmTestTask task = new LmTestTask(m, data(10, 1), data(4, 2)) {
                @Override
                public LossOutput loss(NDManager step, MicroBatch batch) {
                    if (lossCalls == 13) {
                        throw new IllegalStateException("killed");
                    }
                    return super.loss(step, batch);
                }
            };
            assertThatThrownBy(() -> train(task, config(tmp.resolve("c"), "eval_every=3"), new StopSignal()))
                    .hasMessage("killed");
        }
        assertThat(Checkpoints.latest(tmp.resolve("c")).orElseThrow().getFileName().toString()).isEqualTo("checkpoint-4");
        try (PretrainedModel m = model(7)) {
            train(new LmTestTask(m, data(10, 1), data(4, 2)), config(tmp.resolve("c"), "eval_every=3", "resume=true"),
                    new StopSignal());
            assertClose(weights(m), straight);
        }
    }

    static void assertClose(Map<String, float[]> actual, Map<String, float[]> expected) {
        expected.forEach((k, v) -> {
            float[] a = actual.get(k);
            for (int i = 0; i < v.length; i++) {
                assertThat(Math.abs(a[i] - v[i])).as("%s[%d]", k, i).isLessThanOrEqualTo(1e-6f);
            }
        });
    }

    @Test
    void liveNativeArraysDoNotGrowFromStepToStep() {
        try (PretrainedModel m = model(1)) {
            NDManager root = m.manager().getParentManager();
            int[] counts = new int[40];
            LmTestTask task = new LmTestTask(m, data(12, 1), data(3, 2)) {
                @Override
                public LossOutput loss(NDManager step, MicroBatch batch) {
                    counts[lossCalls] = root.getManagedArrays().size();
                    return super.loss(step, batch);
                }
            };
            train(task, config(tmp, "max_steps=15", "grad_accum=1", "eval_every=5", "save_every=5"), new StopSignal());
            assertThat(counts[14]).isEqualTo(counts[2]);
        }
    }

    @Test
    void aNanLossStopsTrainingNamingTheStepAndKeepsTheLastGoodCheckpoint() {
        try (PretrainedModel m = model(1)) {
            LmTestTask task = new LmTestTask(m, data(12, 1), List.of());
            task.nanAtCall = 11; // during step 6 (two micro-batches a step)
            assertThatThrownBy(() -> train(task, config(tmp), new StopSignal()))
                    .isInstanceOf(NonFiniteTrainingException.class)
                    .hasMessageStartingWith("step 6: the loss is not finite");
            assertThat(Checkpoints.latest(tmp).orElseThrow().getFileName().toString()).isEqualTo("checkpoint-4");
        }
    }

    @Test
    void earlyStoppingEndsTheRunWhenTheEvaluationLossStopsFalling() {
        try (PretrainedModel m = model(1)) {
            // lr 0 after warmup... a constant tiny lr keeps eval loss flat to the 1e-9 level: it cannot improve enough
            LmTestTask task = new LmTestTask(m, data(6, 1), data(3, 2)) {
                private int evals;

                @Override
                public Map<String, Double> evaluate() {
                    evals++;
                    return Map.of("eval_loss", evals <= 2 ? 3.0 - evals : 5.0); // improves once, then worsens
                }
            };
            TrainingResult r = train(task, config(tmp, "max_steps=20", "eval_every=2", "early_stopping_patience=2"),
                    new StopSignal());
            // evaluations: step 0 (2.0), step 2 (1.0, best), step 4 (5.0), step 6 (5.0) → stop at step 6
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.steps()).isEqualTo(6);
            assertThat(r.bestEvalLoss()).isEqualTo(1.0);
            assertThat(tmp.resolve("best/model.safetensors")).exists();
            assertThat(Checkpoints.latest(tmp).orElseThrow().getFileName().toString()).isEqualTo("checkpoint-6");
        }
    }

    /** A task whose evaluations report the given KLs in turn (step 0 first) with a falling eval_loss. */
    static LmTestTask klTask(PretrainedModel m, KlBudget budget, double... kls) {
        return new LmTestTask(m, data(6, 1), data(3, 2)) {
            private int evals;

            @Override
            public Map<String, Double> evaluate() {
                double kl = kls[Math.min(evals, kls.length - 1)];
                evals++;
                return Map.of("eval_loss", 3.0 - 0.1 * evals, KlBudget.METRIC, kl);
            }

            @Override
            public KlBudget klBudget() {
                return budget;
            }
        };
    }

    /** Six steps of a fresh tiny model, evaluated every two steps, under {@code budget}, with {@link #klTask}'s KLs. */
    private TrainingResult sixStepKlRun(KlBudget budget, double... kls) {
        try (PretrainedModel m = model(1)) {
            return train(klTask(m, budget, kls), config(tmp, "max_steps=6", "eval_every=2"), new StopSignal());
        }
    }

    @Test
    void aRunStopsAtTheFirstEvaluationOverItsKlBudgetAndEndsWithTheBestWeightsWithinIt() throws Exception {
        try (PretrainedModel m = model(1)) {
            // evaluations: step 0 (KL 0), step 2 (5, within: best), step 4 (30 > 20: stop)
            LmTestTask task = klTask(m, new KlBudget(20, true), 0, 5, 30, 40);
            TrainingResult r = train(task, config(tmp, "max_steps=20", "eval_every=2"), new StopSignal());
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.steps()).isEqualTo(4);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("stopping at step 4")
                    .contains("passed the budget of 20").contains("best evaluation within the budget, step 2");
            // the final model is step 2's (steps 3 and 4 trained on at lr 3e-3 would change every byte's neighbourhood)
            assertThat(Files.mismatch(tmp.resolve("best/model.safetensors"), tmp.resolve("final/model.safetensors")))
                    .isEqualTo(-1L);
            assertThat(Files.mismatch(tmp.resolve("best/model.safetensors"),
                    tmp.resolve("checkpoint-4/model.safetensors"))).isEqualTo(-1L);
            assertThat(r.klBudgetWarning()).contains("passed the budget of 20 nats per answer at step 4 (30 nats");
            List<String> lines = Files.readAllLines(tmp.resolve("metrics.jsonl"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"eval_kl_budget_used\":1.5"));
        }
    }

    @Test
    void withoutStoppingARunOverItsKlBudgetTrainsOnAndTheSummaryWarns() {
        TrainingResult r = sixStepKlRun(new KlBudget(20, false), 0, 25, 10);
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.steps()).isEqualTo(6);
        assertThat(r.klBudgetWarning()).startsWith("warning: the KL to the reference passed the budget")
                .contains("at step 2 (25 nats; largest 25)");
    }

    @Test
    void aRunWithinItsKlBudgetHasNoWarning() {
        TrainingResult r = sixStepKlRun(new KlBudget(20, true), 0, 3, 19.5);
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.klBudgetWarning()).isNull();
    }

    @Test
    void startingOverAnExistingRunWithoutResumeIsAnError() {
        try (PretrainedModel m = model(1)) {
            train(new LmTestTask(m, data(6, 1), List.of()), config(tmp, "max_steps=2"), new StopSignal());
            assertThatThrownBy(() -> train(new LmTestTask(m, data(6, 1), List.of()), config(tmp, "max_steps=2"),
                    new StopSignal())).hasMessageContaining("already holds checkpoints").hasMessageContaining("--resume");
            assertThatThrownBy(() -> train(new LmTestTask(m, data(6, 1), List.of()),
                    config(tmp.resolve("empty"), "resume=true"), new StopSignal()))
                    .hasMessageContaining("no checkpoint");
        }
    }

    @Test
    void adamWGroupsLeaveBiasesNormsAndEmbeddingsUndecayed() {
        try (PretrainedModel m = model(1)) {
            Map<String, Boolean> decay = new LinkedHashMap<>();
            ParameterGroups.of(m.module()).forEach(p -> decay.put(p.name(), p.decay()));
            assertThat(decay).containsEntry("wte.weight", false).containsEntry("wpe.weight", false)
                    .containsEntry("h.0.ln_1.weight", false).containsEntry("h.0.attn.c_attn.bias", false)
                    .containsEntry("h.0.attn.c_attn.weight", true).containsEntry("h.1.mlp.c_proj.weight", true);
            Parameter frozen = m.module().namedParameters().get("wpe.weight");
            frozen.freeze(true);
            assertThat(ParameterGroups.of(m.module())).extracting(TrainableParameter::name).doesNotContain("wpe.weight");
        }
    }

    @Test
    void stopRequestedBeforeTheFirstStepStillSavesACheckpoint() {
        StopSignal s = new StopSignal();
        s.requestStop();
        try (PretrainedModel m = model(1)) {
            TrainingResult r = train(new LmTestTask(m, data(6, 1), List.of()), config(tmp), s);
            assertThat(r.interrupted()).isTrue();
            assertThat(Arrays.asList(tmp.resolve("checkpoint-0").toFile().list())).contains("training_state");
        }
    }
}
