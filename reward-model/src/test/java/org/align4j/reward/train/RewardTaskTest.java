package org.align4j.reward.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TaskProbes;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.core.train.TrainingTask;
import org.align4j.reward.PairEncoder;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.eval.PairReport;
import org.align4j.reward.eval.RatingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    private static TrainingResult run(RewardTrainingConfig cfg, RewardTask task, PrintStream out) {
        return new TrainingLoop(cfg.train(), task, cfg.toYaml(), new StopSignal(), out).run();
    }

    @Test
    void pairwiseTrainingRaisesHeldOutAccuracyAndTheSavedModelScoresLikeTheTrainedOne() throws Exception {
        RewardTrainingConfig cfg = TinyRuns.config(tmp, "pairs");
        try (TinyRuns.Fixture f = TinyRuns.fixture(cfg, out)) {
            Map<String, float[]> before = TinyRuns.weights(f.loaded().model());
            f.task().evaluate();
            PairReport start = (PairReport) f.task().lastReport();
            TrainingResult r = run(cfg, f.task(), out);

            PairReport end = (PairReport) f.task().lastReport();
            assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss());
            assertThat(end.accuracy()).as(log.toString()).isGreaterThanOrEqualTo(0.85).isGreaterThan(start.accuracy());
            assertThat(end.meanMargin()).isPositive();
            Map<String, float[]> after = TinyRuns.weights(f.loaded().model());
            // Every parameter learned, except the score head's bias: the pairwise loss depends on score differences
            // only, so a shift of all scores has zero gradient.
            before.forEach((k, v) -> {
                if (k.equals("classifier.bias")) {
                    assertThat(after.get(k)).isEqualTo(v);
                } else {
                    assertThat(after.get(k)).as(k).isNotEqualTo(v);
                }
            });

            // The saved directory scores exactly like the model in memory, with its own tokenizer and length.
            Path dir = r.finalDir();
            float[] inMemory = f.task().scorer().score(evalSequences(f));
            try (RewardScorer saved = RewardScorer.load(dir, 5)) {
                float[] reloaded = saved.score(evalSequences(f));
                for (int i = 0; i < inMemory.length; i++) {
                    assertThat(reloaded[i]).as("answer %d", i).isCloseTo(inMemory[i], within(1e-5f));
                }
                assertThat(saved.encoder().maxLength()).isEqualTo(64);
                RewardStats stats = saved.stats();
                RewardStats expected = RewardStats.of(f.task().scorer().score(f.train().sequences()));
                assertThat(stats.count()).isEqualTo(2L * f.train().size());
                assertThat(stats.mean()).isCloseTo(expected.mean(), within(1e-5));
                assertThat(stats.std()).isCloseTo(expected.std(), within(1e-5));
            }
            JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
            assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertForSequenceClassification");
            assertThat(config.get("id2label").size()).isEqualTo(1);
            assertThat(dir.resolve("tokenizer.json")).exists();
            assertThat(Files.readString(dir.resolve("run_config.yaml"))).contains("kind: pairs");
            JsonNode results = JSON.readTree(dir.resolve(RewardTask.EVAL_RESULTS).toFile());
            assertThat(results.get("accuracy").asDouble()).isEqualTo(end.accuracy());
            assertThat(results.get("calibration")).hasSize(cfg.reward().calibrationBuckets());
        }
    }

    @Test
    void fp16TrainingRaisesHeldOutAccuracyAndSavesFloat32Weights() throws Exception {
        RewardTrainingConfig cfg = TinyRuns.config(tmp, "pairs", "train.precision=fp16");
        try (TinyRuns.Fixture f = TinyRuns.fixture(cfg, out)) {
            f.task().evaluate();
            PairReport start = (PairReport) f.task().lastReport();
            TrainingResult r = run(cfg, f.task(), out);

            PairReport end = (PairReport) f.task().lastReport();
            assertThat(log.toString()).contains("precision fp16");
            assertThat(end.accuracy()).as(log.toString()).isGreaterThanOrEqualTo(0.85).isGreaterThan(start.accuracy());
            var tensors = org.align4j.core.io.SafeTensorsFile.open(r.finalDir().resolve("model.safetensors")).tensors();
            assertThat(tensors).isNotEmpty();
            tensors.forEach((name, t) -> assertThat(t.dtype()).as(name)
                    .isEqualTo(org.align4j.core.io.TensorDType.F32));
            // The saved float32 model scores the held-out answers close to the fp16 model it was trained as.
            float[] inMemory = f.task().scorer().score(evalSequences(f));
            try (RewardScorer saved = RewardScorer.load(r.finalDir(), 5)) {
                float[] reloaded = saved.score(evalSequences(f));
                for (int i = 0; i < inMemory.length; i++) {
                    assertThat(reloaded[i]).as("answer %d", i).isCloseTo(inMemory[i], within(0.05f));
                }
            }
        }
    }

    private static PairEncoder.Sequence[] evalSequences(TinyRuns.Fixture f) {
        return f.task().heldOut().sequences();
    }

    @Test
    void liveNativeArraysDoNotGrowFromStepToStep() {
        RewardTrainingConfig cfg = TinyRuns.config(tmp, "pairs", "train.max_steps=12", "train.eval_every=4");
        try (TinyRuns.Fixture f = TinyRuns.fixture(cfg, out)) {
            NDManager root = f.loaded().model().manager().getParentManager();
            int[] counts = new int[13];
            TrainingTask probe = TaskProbes.beforeEachLoss(f.task(),
                    call -> counts[call - 1] = root.getManagedArrays().size());
            new TrainingLoop(cfg.train(), probe, cfg.toYaml(), new StopSignal(), out).run();
            assertThat(counts[2]).isPositive();
            assertThat(counts[11]).isEqualTo(counts[2]);
        }
    }
}
