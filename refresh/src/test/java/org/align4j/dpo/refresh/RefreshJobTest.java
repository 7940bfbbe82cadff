package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.align4j.datasets.PreferencePair;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.PostgresServer;
import org.align4j.feedback.refresh.Decision;
import org.align4j.feedback.refresh.JobLock;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.refresh.RefreshLock;
import org.align4j.feedback.refresh.TrainingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh orchestration with a fake trainer and evaluator: no model is trained here. */
class RefreshJobTest {
    @TempDir Path tmp;
    FeedbackStore store;
    ModelVersion sft;
    Path models;
    final List<RefreshTrainer.Request> requests = new ArrayList<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    double candidateAccuracy = 0.9;
    Double candidateSafety = 1.0;

    @BeforeEach
    void open() throws IOException {
        store = FeedbackData.open(PostgresServer.newDatabaseUrl());
        Path policy = Files.createDirectories(tmp.resolve("sft"));
        Files.writeString(policy.resolve("model.txt"), "sft");
        sft = store.models().register("sft", policy.toString(), null);
        models = tmp.resolve("models");
    }

    @AfterEach
    void close() {
        store.close();
    }

    RefreshConfig config(String... overrides) {
        List<String> o = new ArrayList<>(List.of("models_root=" + models, "min_new_pairs=8", "heldout_fraction=0.25",
                "gate.min_heldout_pairs=2", "replay_ratio=0.5"));
        o.addAll(List.of(overrides));
        return RefreshConfig.load(null, o);
    }

    /** Writes a candidate naming its base and pair count; records the request. */
    Path fakeTrain(RefreshTrainer.Request r) {
        requests.add(r);
        try {
            Path dir = Files.createDirectories(r.workDir().resolve("final"));
            Files.writeString(dir.resolve("model.txt"), "from " + r.baseModel().getFileName() + " on " + r.pairs().size());
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    RefreshEvaluator.Evaluation fakeEvaluate(Path candidate, Path production, List<PreferencePair> heldOut) {
        return new RefreshEvaluator.Evaluation(new PolicyScores(candidateAccuracy, 1.5, 0.8, candidateSafety, 0.1),
                new PolicyScores(0.5, 0.0, 0.6, 1.0, 0.1));
    }

    RefreshResult run(RefreshConfig cfg) {
        return new RefreshJob(store, cfg, tmp.resolve("sft").toString(), this::fakeTrain, this::fakeEvaluate,
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }

    String productionFile() throws IOException {
        return Files.readString(models.resolve("production").resolve("model.txt"));
    }

    @Test
    void newPairsArePromotedAndASecondRunRightAfterHasNothingToDo() throws IOException {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(40, 1));
        RefreshResult r = run(config());
        assertThat(r.status()).isEqualTo(RefreshStatus.PROMOTED);
        assertThat(r.status().exitCode()).isZero();
        ModelVersion prod = store.models().production().orElseThrow();
        assertThat(prod.id()).isEqualTo(r.modelVersionId());
        assertThat(prod.parentId()).isEqualTo(sft.id());
        assertThat(Path.of(prod.checkpointPath())).isEqualTo(models.resolve("versions/dpo-refresh-run-1").toAbsolutePath());
        assertThat(Files.readSymbolicLink(models.resolve("production"))).isEqualTo(Path.of("versions/dpo-refresh-run-1"));
        assertThat(productionFile()).startsWith("from sft on ");
        TrainingRun run = store.refresh().findRun(r.runId()).orElseThrow();
        assertThat(run.finished()).isTrue();
        assertThat(run.startedAt()).isNotNull();
        assertThat(run.finishedAt()).isNotNull();
        assertThat(run.decision()).isEqualTo(Decision.PROMOTED);
        assertThat(run.modelVersionId()).isEqualTo(prod.id());
        assertThat(run.pairsUsed()).isEqualTo(requests.get(0).pairs().size());
        assertThat(run.metricsJson()).contains("\"candidate_preference_accuracy\":0.9", "\"production_preference_accuracy\":0.5");
        // Held-out pairs are never trained on.
        Set<String> held = new HashSet<>();
        requests.get(0).heldOut().forEach(p -> held.add(p.id()));
        assertThat(held).isNotEmpty();
        assertThat(requests.get(0).pairs()).noneMatch(p -> held.contains(p.id()));
        assertThat(requests.get(0).pairs().size() + held.size()).isEqualTo(40);

        RefreshResult again = run(config());
        assertThat(again.status()).isEqualTo(RefreshStatus.NOTHING_TO_DO);
        assertThat(again.status().exitCode()).isZero();
        assertThat(again.message()).contains("nothing to do", "fewer than min_new_pairs 8");
        assertThat(store.refresh().runs()).hasSize(1);
        assertThat(store.models().production().orElseThrow().id()).isEqualTo(prod.id());
    }

    @Test
    void aGateFailureKeepsTheOldModelAndOffersThePairsAgain() throws IOException {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(40, 2));
        assertThat(run(config()).status()).isEqualTo(RefreshStatus.PROMOTED);
        ModelVersion first = store.models().production().orElseThrow();
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(30, 3));

        candidateAccuracy = 0.52;
        RefreshResult failed = run(config());
        assertThat(failed.status()).isEqualTo(RefreshStatus.GATE_FAILED);
        assertThat(failed.status().exitCode()).isEqualTo(3);
        assertThat(failed.message()).contains("gate.min_accuracy_gain");
        assertThat(store.models().production().orElseThrow().id()).isEqualTo(first.id());
        assertThat(Files.readSymbolicLink(models.resolve("production"))).isEqualTo(Path.of("versions/dpo-refresh-run-1"));
        TrainingRun rejected = store.refresh().findRun(failed.runId()).orElseThrow();
        assertThat(rejected.decision()).isEqualTo(Decision.REJECTED);
        assertThat(rejected.message()).contains("gate failed");
        assertThat(Files.exists(models.resolve("versions/dpo-refresh-run-2"))).isFalse();

        candidateSafety = 0.9; // accuracy passes now, but safety fell by 0.1 > 0
        candidateAccuracy = 0.9;
        RefreshResult unsafe = run(config());
        assertThat(unsafe.status()).isEqualTo(RefreshStatus.GATE_FAILED);
        assertThat(unsafe.message()).contains("safety", "gate.max_safety_regression");

        candidateSafety = 1.0;
        RefreshResult retried = run(config());
        assertThat(retried.status()).isEqualTo(RefreshStatus.PROMOTED);
        // The rejected runs did not move the watermark: the same new pairs were offered to the last run,
        // with the replay sample of older pairs (replay_ratio 0.5).
        RefreshTrainer.Request last = requests.get(requests.size() - 1);
        RefreshTrainer.Request second = requests.get(1);
        assertThat(last.pairs()).hasSameSizeAs(second.pairs());
        assertThat(last.baseModel()).isEqualTo(Path.of(first.checkpointPath()));
        int newPairs = (int) Math.round(store.refresh().findRun(retried.runId()).orElseThrow().pairsUsed() / 1.5);
        assertThat(last.pairs().size()).isEqualTo(newPairs + (int) Math.round(0.5 * newPairs));
    }

    @Test
    void aRunWhileAnotherHoldsTheLockExitsWithTheLockedCode() {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(20, 4));
        try (RefreshLock held = JobLock.acquire(store, "dpo-refresh", Duration.ofHours(1), Clock.systemUTC(), s -> { })) {
            RefreshResult r = run(config());
            assertThat(r.status()).isEqualTo(RefreshStatus.LOCKED);
            assertThat(r.status().exitCode()).isEqualTo(4);
            assertThat(r.message()).contains("already running", "pid=" + ProcessHandle.current().pid());
            assertThat(store.refresh().runs()).isEmpty();
        }
        assertThat(run(config()).status()).isEqualTo(RefreshStatus.PROMOTED);
    }

    @Test
    void aLockAndARunLeftByADeadProcessAreCleanedUpByTheNextRun() throws Exception {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(30, 5));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String deadOwner = "dpo-refresh host=" + JobLock.hostName() + " pid=" + gone.pid() + " #dead";
        store.sql().inTransaction(tx -> tx.update("INSERT INTO job_locks (name, owner, acquired_at) VALUES (?, ?, ?)",
                "dpo-refresh", deadOwner, java.time.Instant.now()));
        TrainingRun orphan = store.refresh().startRun("dpo-refresh", sft.id(), 0);
        Path orphanDir = Files.createDirectories(models.resolve("runs/run-" + orphan.id() + "/checkpoint-2"));
        Path tempVersion = Files.createDirectories(models.resolve("versions/.dpo-refresh-run-9.tmp-123"));

        RefreshResult r = run(config());
        assertThat(r.status()).isEqualTo(RefreshStatus.PROMOTED);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("broke the stale lock", "is not running");
        TrainingRun failed = store.refresh().findRun(orphan.id()).orElseThrow();
        assertThat(failed.decision()).isEqualTo(Decision.FAILED);
        assertThat(failed.message()).contains("interrupted");
        assertThat(orphanDir.getParent()).doesNotExist();
        assertThat(tempVersion).doesNotExist();
        assertThat(JobLock.holder(store, "dpo-refresh")).isEmpty();
    }

    @Test
    void aLinkLeftBehindTheDatabasePointerIsRepointedByTheNextRun() throws IOException {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(30, 6));
        assertThat(run(config()).status()).isEqualTo(RefreshStatus.PROMOTED);
        // As if killed after the database flip but before the link flip: the link still names the old model.
        new ModelsRoot(models).pointProductionAt(tmp.resolve("sft"));
        assertThat(productionFile()).isEqualTo("sft");
        assertThat(run(config()).status()).isEqualTo(RefreshStatus.NOTHING_TO_DO);
        assertThat(productionFile()).startsWith("from sft on ");
    }

    @Test
    void aTrainingErrorIsRecordedAsFailedAndLeavesProductionAlone() {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(30, 7));
        RefreshJob job = new RefreshJob(store, config(), tmp.resolve("sft").toString(), r -> {
            throw new IllegalStateException("out of memory in step 3");
        }, this::fakeEvaluate, Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThatThrownBy(job::run).hasMessageContaining("out of memory in step 3");
        TrainingRun run = store.refresh().runs().get(0);
        assertThat(run.decision()).isEqualTo(Decision.FAILED);
        assertThat(run.message()).contains("out of memory in step 3");
        assertThat(store.models().production()).isEmpty();
        assertThat(models.resolve("production")).doesNotExist();
        assertThat(JobLock.holder(store, "dpo-refresh")).isEmpty();
    }

    @Test
    void withoutAProductionModelOrPolicyTheRunSaysWhatToGive() {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(30, 8));
        RefreshJob job = new RefreshJob(store, config(), null, this::fakeTrain, this::fakeEvaluate, Clock.systemUTC(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThatThrownBy(job::run).hasMessageContaining("--policy");
        RefreshJob byName = new RefreshJob(store, config(), "no-such-model", this::fakeTrain, this::fakeEvaluate,
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThatThrownBy(byName::run).hasMessageContaining("neither a directory nor a registered model version");
        RefreshJob named = new RefreshJob(store, config(), "sft", this::fakeTrain, this::fakeEvaluate,
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(named.run().status()).isEqualTo(RefreshStatus.PROMOTED);
    }

    @Test
    void configErrorsNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> config("heldout_fraction=0")).hasMessageContaining("heldout_fraction")
                .hasMessageContaining("heldout_files");
        assertThatThrownBy(() -> config("train.resume=true")).hasMessageContaining("train.resume");
        assertThatThrownBy(() -> config("gate.min_accuracy_gain=2")).hasMessageContaining("gate.min_accuracy_gain");
        assertThatThrownBy(() -> config("dpo.loss=simpo", "dpo.reference=precomputed"))
                .hasMessageContaining("dpo.reference");
        assertThatThrownBy(() -> config("min_new_pairz=3")).hasMessageContaining("unknown key 'min_new_pairz'");
    }

    @Test
    void anUnsafeRepeatVetoesACandidateWhoseScoresPassAndTheRunSaysWhy() {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(40, 9));
        org.align4j.feedback.auth.User doc = store.users().find("dr-a").orElseThrow();
        var e = store.queue().enqueue("chest pain and sweating", List.of("just rest"), sft.id(), "{}");
        store.feedback().rate(doc.id(), e.responseIds().get(0), org.align4j.feedback.queue.Thumb.UNSAFE, null);
        List<java.util.Map<String, Set<String>>> seen = new ArrayList<>();
        RefreshEvaluator vetoing = new RefreshEvaluator() {
            @Override
            public Evaluation evaluate(Path candidate, Path production, List<PreferencePair> heldOut) {
                return fakeEvaluate(candidate, production, heldOut);
            }

            @Override
            public List<String> unsafeRepeats(Path candidate, java.util.Map<String, Set<String>> flagged) {
                seen.add(flagged);
                return List.of("to \"chest pain and sweating\" it answers \"just rest\", which a doctor marked unsafe");
            }
        };
        RefreshResult r = new RefreshJob(store, config(), tmp.resolve("sft").toString(), this::fakeTrain, vetoing,
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        assertThat(seen).singleElement().satisfies(f -> assertThat(f.get("chest pain and sweating")).containsExactly("just rest"));
        assertThat(r.status()).isEqualTo(RefreshStatus.GATE_FAILED);
        assertThat(r.message()).contains("veto: to \"chest pain and sweating\" it answers \"just rest\"");
        assertThat(r.metrics().get("candidate_unsafe_repeats")).isEqualTo(1.0);
        assertThat(store.models().production()).isEmpty();
    }

    @Test
    void aKtoRefreshPassesTheThumbsAndThePairsUnpairedToTheTrainer() {
        FeedbackData.addFeedback(store, sft, FeedbackData.pairs(40, 10));
        RefreshResult r = run(config("dpo.loss=kto"));
        assertThat(r.status()).isEqualTo(RefreshStatus.PROMOTED);
        RefreshTrainer.Request req = requests.get(0);
        assertThat(req.examples()).hasSize(2 * req.pairs().size()); // comparisons only: no thumbs, pairs unpaired
        assertThat(req.examples()).filteredOn(x -> x.desirable()).hasSize(req.pairs().size());
        assertThat(r.metrics().get("kto_examples")).isEqualTo((double) req.examples().size());
    }

    @Test
    void everyPairAndThumbOfOnePromptIsOnOneSideForThePairsAndForKto() {
        // 40 prompts, each with two pairs that share the chosen answer (two doctors' 👍 on it, 👎 on the others).
        FeedbackData.addThumbs(store, sft, 40, 3);
        RefreshResult r = run(config("dpo.loss=kto"));
        assertThat(r.status()).isEqualTo(RefreshStatus.PROMOTED);
        RefreshTrainer.Request req = requests.get(0);
        Set<String> held = req.heldOut().stream().map(PreferencePair::plainPrompt).collect(Collectors.toSet());
        Set<String> trained = req.pairs().stream().map(PreferencePair::plainPrompt).collect(Collectors.toSet());
        Set<String> kto = req.examples().stream().map(e -> e.prompt().get(0).content()).collect(Collectors.toSet());
        assertThat(held).isNotEmpty().doesNotContainAnyElementsOf(trained);
        assertThat(held.size() + trained.size()).isEqualTo(40);
        assertThat(req.heldOut().size() + req.pairs().size()).isEqualTo(80);
        assertThat(kto).isEqualTo(trained); // every prompt has thumbs: KTO keeps exactly the prompts DPO trains on
    }

    @Test
    void theRunMetricsAreValidJsonWithNullForANonFiniteValueAndEscapedKeys() throws Exception {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("candidate_margin_beta_0.1", 0.25);
        m.put("odd \"key\"", Double.NaN);
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(RefreshJob.json(m));
        assertThat(j.get("candidate_margin_beta_0.1").asDouble()).isEqualTo(0.25);
        assertThat(j.get("odd \"key\"").isNull()).isTrue();
    }
}
