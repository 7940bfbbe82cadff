package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.align4j.dpo.Fixtures;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.PostgresServer;
import org.align4j.feedback.refresh.Decision;
import org.align4j.feedback.refresh.JobLock;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.refresh.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real refresh (DPO on a tiny model) on an H2 file database: a promotion, then a run killed
 * with SIGKILL in the middle of training, then the run after it.
 */
class RefreshKillTest {
    @TempDir Path tmp;

    List<String> overrides(Path models, int steps) {
        return new ArrayList<>(List.of("models_root=" + models, "min_new_pairs=8", "heldout_fraction=0.25",
                "gate.min_heldout_pairs=2", "max_length=128", "train.batch_size=8", "train.lr=3e-3",
                "train.schedule=constant", "train.log_every=1", "train.max_steps=" + steps));
    }

    RefreshResult runHere(String url, Path policy, List<String> overrides, StringBuilder log) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (FeedbackStore store = FeedbackData.open(url);
                PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            return RefreshJob.withDpo(store, RefreshConfig.load(null, overrides), policy.toString(), out).run();
        } finally {
            log.append(buf.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRunKilledMidTrainingLeavesProductionServingAndTheNextRunStartsClean() throws Exception {
        Path policy = Fixtures.tinyPolicy(tmp.resolve("policy"), 5);
        Path models = tmp.resolve("models");
        String url = PostgresServer.newDurableDatabaseUrl(tmp.resolve("db/feedback"));
        StringBuilder log = new StringBuilder();
        try (FeedbackStore store = FeedbackData.open(url)) {
            ModelVersion sft = store.models().register("sft", policy.toString(), null);
            FeedbackData.addFeedback(store, sft, Fixtures.pairs(24, 21));
        }
        RefreshResult first = runHere(url, policy, overrides(models, 2), log);
        assertThat(first.status()).as(log.toString()).isEqualTo(RefreshStatus.PROMOTED);
        assertThat(first.metrics().get("candidate_preference_accuracy")).isGreaterThan(0.5);
        assertThat(first.metrics().get("production_preference_accuracy")).isEqualTo(0.5);
        Path v1 = Path.of("versions/dpo-refresh-run-1");
        assertThat(Files.readSymbolicLink(models.resolve("production"))).isEqualTo(v1);
        assertThat(models.resolve("production/model.safetensors")).exists();
        assertThat(models.resolve("runs/run-1/metrics.jsonl")).exists();
        assertThat(models.resolve("runs/run-1/checkpoint-2")).doesNotExist(); // pruned after the decision

        try (FeedbackStore store = FeedbackData.open(url)) {
            FeedbackData.addFeedback(store, store.models().find("sft").orElseThrow(), Fixtures.pairs(16, 22));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false", "-cp",
                System.getProperty("java.class.path"), RefreshChild.class.getName(), url, policy.toString()));
        cmd.addAll(overrides(models, 1_000_000));
        Path childLog = tmp.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        Path metrics = models.resolve("runs/run-2/metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 3)) {
            assertThat(child.isAlive()).as(() -> readQuietly(childLog)).isTrue();
            assertThat(System.nanoTime()).as("training did not start in 90 s: " + readQuietly(childLog)).isLessThan(deadline);
            Thread.sleep(100);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readSymbolicLink(models.resolve("production"))).isEqualTo(v1);
        try (FeedbackStore store = FeedbackData.open(url)) {
            assertThat(store.models().production().orElseThrow().id()).isEqualTo(first.modelVersionId());
            TrainingRun killed = store.refresh().findRun(2).orElseThrow();
            assertThat(killed.finished()).isFalse();
            assertThat(JobLock.holder(store, "dpo-refresh")).get().extracting(org.align4j.feedback.refresh.RefreshRegistry.LockHolder::owner).asString()
                    .contains("pid=" + child.pid());
        }

        RefreshResult next = runHere(url, policy, overrides(models, 2), log);
        assertThat(next.status()).as(log.toString()).isEqualTo(RefreshStatus.PROMOTED);
        assertThat(log.toString()).contains("broke the stale lock", "run 2 was interrupted");
        assertThat(models.resolve("runs/run-2")).doesNotExist();
        // (H2 and PostgreSQL hand out identities in cached blocks: after a crash the next run id may skip ahead.)
        assertThat(Files.readSymbolicLink(models.resolve("production")))
                .isEqualTo(Path.of("versions/dpo-refresh-run-" + next.runId()));
        try (FeedbackStore store = FeedbackData.open(url)) {
            assertThat(store.refresh().findRun(2).orElseThrow().decision()).isEqualTo(Decision.FAILED);
            ModelVersion prod = store.models().production().orElseThrow();
            assertThat(prod.id()).isEqualTo(next.modelVersionId());
            assertThat(prod.parentId()).isEqualTo(first.modelVersionId());
            TrainingRun third = store.refresh().findRun(next.runId()).orElseThrow();
            assertThat(third.baseModelVersionId()).isEqualTo(first.modelVersionId());
            assertThat(third.pairsAfterId()).isEqualTo(store.refresh().findRun(1).orElseThrow().pairsUpToId());
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
