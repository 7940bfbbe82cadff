package org.align4j.reward.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.core.train.StopSignal;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;
import org.align4j.reward.SyntheticFeedback;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.data.RewardData;
import org.align4j.reward.eval.PairReport;
import org.align4j.reward.eval.RewardEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RewardTrainer#train} end to end: configuration in, a saved reward model and its evaluation out. */
class RewardTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    /**
     * A tiny BERT (86k parameters) that learns the bundled sample in 30 steps (reward-model README; rm-demo.yaml held
     * it until the demo's own settings moved there).
     */
    private static final String TINY_SAMPLE_RUN = """
            model: {init: {preset: tiny, vocab_size: 2000}}
            data: {kind: pairs, train_files: [sample:pairs-train.jsonl], eval_files: [sample:pairs-heldout.jsonl],
                   eval_fraction: 0.0, max_length: 128}
            train: {seed: 42, lr: 3.0e-3, warmup_steps: 5, max_steps: 30, batch_size: 16, eval_every: 10,
                    log_every: 10, save_every: 0}
            """;

    @Test
    void aTinyBertReachesNinetyPercentHeldOutAccuracyOnTheBundledSampleAndItsSavedModelAgrees() throws Exception {
        RewardTrainingConfig cfg = RewardTrainingConfig.fromText(TINY_SAMPLE_RUN, "tiny.yaml",
                List.of("train.output_dir=" + tmp.resolve("rm")));
        RewardTrainer.Result r = RewardTrainer.train(cfg, new StopSignal(), out);

        PairReport end = (PairReport) r.finalReport();
        assertThat(end.count()).isEqualTo(120);
        assertThat(end.accuracy()).as(log.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(end.meanMargin()).isPositive();
        // the curve: an evaluation before training (near chance) and every eval_every steps
        List<JsonNode> evals = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("rm/metrics.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.has("eval_accuracy")) {
                evals.add(n);
            }
        }
        assertThat(evals).extracting(n -> n.get("step").asInt()).containsExactly(0, 10, 20, 30);
        assertThat(evals.get(0).get("eval_accuracy").asDouble()).isLessThan(end.accuracy());
        // the saved model, loaded through the public API, gives the same report
        try (RewardScorer saved = RewardScorer.load(r.finalDir(), 32)) {
            assertThat(saved.stats()).isNotNull();
            PairReport again = (PairReport) RewardEvaluation.evaluate(saved,
                    RewardData.file("sample:pairs-heldout.jsonl", "pairs", false, out), cfg.reward());
            assertThat(again.accuracy()).isEqualTo(end.accuracy());
            assertThat(again.meanMargin()).isCloseTo(end.meanMargin(), within(1e-4));
        }
    }

    @Test
    void aRunTrainsStraightFromAFeedbackDatabaseGivenByJdbcUrl() {
        Path dbFile = tmp.resolve("feedback");
        try (FeedbackStore store = FeedbackStore.open(dbFile.toString(), org.align4j.feedback.Fixtures.FAST_HASHER, Clock.systemUTC())) {
            User ann = store.users().add("ann", "Dr Ann", "correct horse battery".toCharArray(), Role.DOCTOR);
            ModelVersion v = store.models().register("sft-1", "/models/sft-1", null);
            // one pair per question: the feedback module pairs every 👍 with every 👎 answer of the same question
            Set<String> questions = new HashSet<>();
            for (var pair : SyntheticFeedback.pairs(40, 5).stream().filter(p -> questions.add(p.plainPrompt())).limit(20)
                    .toList()) {
                Enqueued e = store.queue().enqueue(pair.plainPrompt(), List.of(pair.chosen(), pair.rejected()), v.id(),
                        "{}");
                store.feedback().rate(ann.id(), e.responseIds().get(0), Thumb.UP, null);
                store.feedback().rate(ann.id(), e.responseIds().get(1), Thumb.DOWN, null);
            }
        }
        Path eval = SyntheticFeedback.writePairs(tmp.resolve("eval.jsonl"), SyntheticFeedback.pairs(10, 6));
        Path run = tmp.resolve("run");
        RewardTrainingConfig cfg = RewardTrainingConfig.load(null, List.of("model.init.preset=tiny", "model.init.vocab_size=150",
                "data.db=jdbc:h2:file:" + dbFile, "data.eval_files=[" + eval + "]", "data.eval_fraction=0",
                "data.max_length=64", "train.output_dir=" + run, "train.max_steps=4", "train.batch_size=8",
                "train.save_every=0"));

        RewardTrainer.Result r = RewardTrainer.train(cfg, new StopSignal(), out);

        assertThat(log.toString()).contains("exported 20 pairs to " + run.resolve(RewardData.EXPORT_DIR)
                .resolve("feedback-pairs.jsonl"));
        assertThat(log.toString()).contains("training: 20 pairs");
        assertThat(r.training().steps()).isEqualTo(4);
        assertThat(r.finalDir().resolve("model.safetensors")).exists();
        assertThat(r.finalReport().count()).isEqualTo(10);
    }

    @Test
    void syntheticNegativesAreTrainedOnButLeaveTheRewardStatsToTheHumanAnswers() {
        Path eval = SyntheticFeedback.writePairs(tmp.resolve("eval.jsonl"), SyntheticFeedback.pairs(10, 6));
        Path train = SyntheticFeedback.writePairs(tmp.resolve("train.jsonl"), SyntheticFeedback.pairs(20, 5));
        Path run = tmp.resolve("run");
        RewardTrainingConfig cfg = RewardTrainingConfig.load(null, List.of("model.init.preset=tiny",
                "model.init.vocab_size=150", "data.train_files=[" + train + "]", "data.eval_files=[" + eval + "]",
                "data.eval_fraction=0", "data.max_length=64", "data.negatives.off_topic=1",
                "data.negatives.word_salad=0.5", "train.output_dir=" + run, "train.max_steps=3", "train.batch_size=8",
                "train.save_every=0"));

        RewardTrainer.Result r = RewardTrainer.train(cfg, new StopSignal(), out);

        assertThat(log.toString()).contains("synthetic pairs: 20 off-topic and 10 word-salad pairs added to 20 training"
                + " pairs").contains("training: 50 pairs");
        assertThat(r.negatives().offTopic().count()).isEqualTo(10);
        assertThat(r.negatives().wordSalad().count()).isEqualTo(10);
        assertThat(log.toString()).contains("synthetic held-out pairs: off-topic accuracy");
        // PPO whitens by the scores of the 40 human answers, not of the 60 synthetic rejected ones
        assertThat(RewardStats.read(r.finalDir()).count()).isEqualTo(40);
    }
}
