package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.precision.LossScaler;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fp16 mixed precision through the loop, on the CPU (slow kernels, same arithmetic as on a GPU). */
class Fp16TrainingLoopTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    /** The test task, with every model weight held in the training precision. */
    static class HalfTask extends LmTestTask {
        HalfTask(PretrainedModel model, List<long[]> train, List<long[]> eval) {
            super(model, train, eval);
        }

        @Override
        public Collection<Parameter> computeWeights() {
            return model.module().namedParameters().values();
        }
    }

    TrainingResult train(LmTestTask task, TrainConfig cfg, StopSignal signal) {
        return new TrainingLoop(cfg, task, RunConfigLoader.toYaml(cfg), signal, out).run();
    }

    static TrainConfig config(Path dir, String... sets) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("precision=fp16"),
                java.util.stream.Stream.of(sets)).toArray(String[]::new);
        return TrainingLoopTest.config(dir, all);
    }

    static Map<String, float[]> weights(PretrainedModel m) {
        Map<String, float[]> w = new LinkedHashMap<>();
        m.module().namedParameters().forEach((k, p) -> w.put(k, p.getArray().toType(DataType.FLOAT32, false).toFloatArray()));
        return w;
    }

    @Test
    void fp16TrainingLowersTheLossWithHalfWeightsAndSavesExactFloat32Masters() throws Exception {
        try (PretrainedModel m = TrainingLoopTest.model(1)) {
            TrainingResult r = train(new HalfTask(m, TrainingLoopTest.data(12, 1), TrainingLoopTest.data(4, 2)),
                    config(tmp, "max_steps=30", "eval_every=10"), new StopSignal());
            assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss() * 0.8);
            m.module().namedParameters().values()
                    .forEach(p -> assertThat(p.getArray().getDataType()).isEqualTo(DataType.FLOAT16));
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("precision fp16");
            String metrics = Files.readString(tmp.resolve("metrics.jsonl"));
            assertThat(metrics).contains("\"loss_scale\"");
            // The saved weights are the float32 masters: rounded to fp16 they are the model's weights, and
            // some of them carry more precision than fp16 holds.
            try (NDManager nd = NDManager.newBaseManager();
                    PretrainedModel saved = HfCheckpoint.load(r.finalDir())) {
                Map<String, float[]> half = weights(m);
                int finer = 0;
                for (Map.Entry<String, Parameter> e : saved.module().namedParameters().entrySet()) {
                    float[] exact = e.getValue().getArray().toFloatArray();
                    float[] rounded = e.getValue().getArray().toType(DataType.FLOAT16, false)
                            .toType(DataType.FLOAT32, false).toFloatArray();
                    assertThat(rounded).as(e.getKey()).containsExactly(half.get(e.getKey()));
                    for (int i = 0; i < exact.length; i++) {
                        finer += exact[i] != rounded[i] ? 1 : 0;
                    }
                }
                assertThat(finer).isGreaterThan(0);
            }
        }
    }

    @Test
    void anFp16RunStoppedAndResumedEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        Map<String, float[]> straight;
        try (PretrainedModel m = TrainingLoopTest.model(1)) {
            train(new HalfTask(m, TrainingLoopTest.data(10, 1), List.of()), config(tmp.resolve("a")), new StopSignal());
            straight = weights(m);
        }
        StopSignal signal = new StopSignal();
        try (PretrainedModel m = TrainingLoopTest.model(1)) {
            HalfTask task = new HalfTask(m, TrainingLoopTest.data(10, 1), List.of()) {
                @Override
                public LossOutput loss(NDManager step, MicroBatch batch) {
                    if (lossCalls == 11) {
                        signal.requestStop();
                    }
                    return super.loss(step, batch);
                }
            };
            assertThat(train(task, config(tmp.resolve("b")), signal).steps()).isEqualTo(6);
        }
        assertThat(tmp.resolve("b/checkpoint-6/training_state/" + LossScaler.FILE)).exists();
        try (PretrainedModel m = TrainingLoopTest.model(99)) {
            train(new HalfTask(m, TrainingLoopTest.data(10, 1), List.of()), config(tmp.resolve("b"), "resume=true"),
                    new StopSignal());
            Map<String, float[]> resumed = weights(m);
            TrainingLoopTest.assertClose(resumed, straight);
        }
    }

    @Test
    void anOverflowingStepIsSkippedAndTheLossScaleHalvesInsteadOfStoppingTraining() throws Exception {
        try (PretrainedModel m = TrainingLoopTest.model(1)) {
            HalfTask task = new HalfTask(m, TrainingLoopTest.data(10, 1), List.of());
            task.nanAtCall = 3; // the second step's first micro-batch
            TrainingResult r = train(task, config(tmp, "max_steps=4"), new StopSignal());
            assertThat(r.steps()).isEqualTo(4);
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains("step 2: fp16 gradients overflowed; update skipped, loss scale 65536 → 32768");
            String state = Files.readString(tmp.resolve("checkpoint-4/training_state/" + LossScaler.FILE));
            assertThat(state).contains("\"scale\" : 32768.0").contains("\"skipped_steps\" : 1");
            assertThat(Files.readString(tmp.resolve("checkpoint-4/training_state/" + AdamW.META)))
                    .contains("\"step\" : 3"); // the skipped step made no optimizer update
        }
    }

    @Test
    void aStageWithoutComputeWeightsRefusesFp16ButRunsAutoInFp32() {
        try (PretrainedModel m = TrainingLoopTest.model(1)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> train(
                    new LmTestTask(m, TrainingLoopTest.data(6, 1), List.of()), config(tmp, "max_steps=1"),
                    new StopSignal())).hasMessageContaining("train.precision: fp16 is not supported by this stage");
        }
    }
}
