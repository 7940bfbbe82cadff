package org.align4j.dpo.refresh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.align4j.core.preference.PreferenceMeasures;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.Unpairing;
import org.align4j.feedback.export.UnpairedExport;
import org.align4j.feedback.export.UnsafeAnswers;
import org.align4j.dpo.data.PairSources;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.pairs.StoredPair;
import org.align4j.feedback.refresh.Decision;
import org.align4j.feedback.refresh.JobLock;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.refresh.RefreshLock;
import org.align4j.feedback.refresh.RefreshRegistry;
import org.align4j.feedback.refresh.RunOutcome;
import org.align4j.feedback.refresh.TrainingRun;

/**
 * The nightly refresh: under the job's lock, recover from a killed run, read the pairs created since
 * the last promotion (plus a replay sample of older ones), train a candidate from the production
 * policy, evaluate both on the held-out pairs, and promote the candidate only if it passes the gate. A pair or
 * thumb is held out when its prompt is ({@link HeldOut}): all the feedback on one prompt is on one side.
 *
 * <p>Promotion order, and what a kill at each point leaves:
 * <ol>
 *   <li>the candidate is renamed whole into {@code versions/<name>/} (killed before: nothing changed);</li>
 *   <li>the version is registered in the database (killed after 1: an unused version directory);</li>
 *   <li>the run is recorded as promoted and the database's production pointer flips, in one transaction
 *       (killed before: production unchanged; the run stays "running" and the next run marks it failed);</li>
 *   <li>the on-disk {@code production} link is renamed over (killed between 3 and 4: the database already
 *       names the new, complete version and the next run re-points the link to it).</li>
 * </ol>
 * The database is the source of truth; every run starts by marking runs left "running" as failed,
 * deleting their work directories and temp files, and pointing the link where the database points.
 */
public final class RefreshJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedbackStore store;
    private final RefreshConfig cfg;
    private final String policy;
    private final RefreshTrainer trainer;
    private final RefreshEvaluator evaluator;
    private final Clock clock;
    private final PrintStream out;
    private final ModelsRoot models;

    /**
     * @param policy the policy to start from while the database has no production model yet: a checkpoint
     *     directory or the name of a registered model version
     */
    public RefreshJob(FeedbackStore store, RefreshConfig cfg, String policy, RefreshTrainer trainer,
            RefreshEvaluator evaluator, Clock clock, PrintStream out) {
        this.store = store;
        this.cfg = cfg;
        this.policy = policy;
        this.trainer = trainer;
        this.evaluator = evaluator;
        this.clock = clock;
        this.out = out;
        this.models = new ModelsRoot(Path.of(cfg.modelsRoot()));
    }

    /** The job with the real DPO trainer and evaluator. */
    public static RefreshJob withDpo(FeedbackStore store, RefreshConfig cfg, String policy, PrintStream out) {
        return new RefreshJob(store, cfg, policy, new DpoRefreshTrainer(cfg, out), DpoRefreshEvaluator.create(cfg),
                Clock.systemUTC(), out);
    }

    /** Runs once; errors are recorded on the run (decision failed) and rethrown. */
    public RefreshResult run() {
        String job = cfg.job();
        RefreshLock lock;
        try {
            lock = JobLock.acquire(store, job, Duration.ofMinutes((long) (cfg.staleLockHours() * 60)), clock, out::println);
        } catch (JobLock.LockedException e) {
            return RefreshResult.of(RefreshStatus.LOCKED, e.getMessage());
        }
        try (lock) {
            recover();
            return refresh();
        }
    }

    /** Marks runs left "running" by a dead process as failed, cleans their files, re-points the link. */
    private void recover() {
        RefreshRegistry reg = store.refresh();
        List<Long> dead = new ArrayList<>();
        for (TrainingRun r : reg.runs()) {
            if (r.job().equals(cfg.job()) && !r.finished()) {
                reg.finishRun(r.id(), new RunOutcome(Decision.FAILED, null, r.pairsAfterId(), 0, null,
                        "interrupted: the process died before the run finished (found by the next run)"));
                out.println("run " + r.id() + " was interrupted; marked failed");
                dead.add(r.id());
            }
        }
        models.cleanUp(dead);
        store.models().production().ifPresent(v -> {
            Path dir = checkpointDir(v);
            if (!models.production().map(dir::equals).orElse(false)) {
                models.pointProductionAt(dir);
                out.println("pointed " + models.productionLink() + " at " + dir + " (the database's production model)");
            }
        });
    }

    /**
     * KTO's examples: the doctors' thumbs and corrections (weighted as {@code feedback:} says) on prompts that are not
     * held out (the same {@link HeldOut} rule as the pairs), plus, with {@code kto.from_pairs}, the training pairs
     * unpaired.
     */
    private List<UnpairedExample> ktoExamples(List<PreferencePair> pairs, HeldOut held) {
        List<UnpairedExample> examples = new ArrayList<>();
        if (cfg.kto().fromPairs()) {
            examples.addAll(Unpairing.fromPairs(pairs));
        }
        UnpairedExport.Result thumbs = UnpairedExport.read(store, null, cfg.feedback());
        thumbs.reliability().forEach(r -> out.println("  " + r.reason()));
        thumbs.examples().stream().filter(e -> !held.prompt(e.prompt())).forEach(examples::add);
        out.printf("kto: %d examples (%d from pairs, the rest from the doctors' thumbs and corrections)%n",
                examples.size(), cfg.kto().fromPairs() ? 2 * pairs.size() : 0);
        return examples;
    }

    private RefreshResult refresh() {
        ModelVersion base = baseModel();
        RefreshRegistry reg = store.refresh();
        long after = reg.watermark(cfg.job());
        List<StoredPair> fresh = reg.pairsSince(after);
        List<PreferencePair> heldOutFiles = PairSources.files(cfg.heldoutFiles(), false, out);
        HeldOut held = new HeldOut(cfg.heldoutFraction(), heldOutFiles);
        List<StoredPair> newTrain = fresh.stream().filter(p -> !held.pair(p)).toList();
        if (newTrain.size() < cfg.minNewPairs()) {
            return RefreshResult.of(RefreshStatus.NOTHING_TO_DO, "nothing to do: " + newTrain.size()
                    + " new training pairs since pair " + after + ", fewer than min_new_pairs " + cfg.minNewPairs());
        }
        List<StoredPair> all = store.pairs().since(0);
        List<PreferencePair> heldOut = new ArrayList<>(heldOutFiles);
        all.stream().filter(held::pair).map(PairSources::toPair).forEach(heldOut::add);
        if (heldOut.size() < cfg.gate().minHeldoutPairs()) {
            return RefreshResult.of(RefreshStatus.NOTHING_TO_DO, "nothing to do: " + heldOut.size()
                    + " held-out pairs, fewer than gate.min_heldout_pairs " + cfg.gate().minHeldoutPairs()
                    + " (add heldout_files or wait for more feedback)");
        }
        long upTo = fresh.stream().mapToLong(StoredPair::id).max().orElse(after);
        TrainingRun run = reg.startRun(cfg.job(), base.id(), after);
        List<PreferencePair> pairs = new ArrayList<>(newTrain.stream().map(PairSources::toPair).toList());
        List<PreferencePair> replay = replay(all, after, newTrain.size(), run.id(), held);
        pairs.addAll(replay);
        List<UnpairedExample> examples = cfg.dpo().lossType().unpaired() ? ktoExamples(pairs, held) : List.of();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("pairs_new", (double) newTrain.size());
        metrics.put("pairs_replay", (double) replay.size());
        metrics.put("pairs_heldout", (double) heldOut.size());
        if (!examples.isEmpty()) {
            metrics.put("kto_examples", (double) examples.size());
        }
        out.printf("run %d: training from %s (version %d) on %d new + %d replayed pairs; %d held out%n", run.id(),
                base.name(), base.id(), newTrain.size(), replay.size(), heldOut.size());
        Path installed;
        RefreshResult promoted;
        try {
            Path baseDir = checkpointDir(base);
            Path candidate = trainer.train(new RefreshTrainer.Request(baseDir, pairs, heldOut, models.runDir(run.id()),
                    examples));
            RefreshEvaluator.Evaluation eval = evaluator.evaluate(candidate, baseDir, heldOut);
            put(metrics, "candidate", eval.candidate());
            put(metrics, "production", eval.production());
            List<String> repeats = evaluator.unsafeRepeats(candidate, UnsafeAnswers.byPrompt(store));
            metrics.put("candidate_unsafe_repeats", (double) repeats.size());
            Gate.Verdict verdict = Gate.veto(Gate.judge(eval, cfg.gate()), repeats);
            if (!verdict.passed()) {
                String why = "gate failed: " + String.join("; ", verdict.reasons());
                reg.finishRun(run.id(), new RunOutcome(Decision.REJECTED, null, upTo, pairs.size(), json(metrics), why));
                models.pruneRun(run.id());
                return new RefreshResult(RefreshStatus.GATE_FAILED, why + "; production stays " + base.name(), run.id(),
                        null, metrics);
            }
            String name = cfg.job() + "-run-" + run.id();
            installed = models.install(candidate, name);
            ModelVersion v = store.models().register(name, installed.toString(), base.id());
            reg.finishRun(run.id(), new RunOutcome(Decision.PROMOTED, v.id(), upTo, pairs.size(), json(metrics),
                    "promoted: " + summary(eval)));
            promoted = new RefreshResult(RefreshStatus.PROMOTED, "promoted " + name + " (version " + v.id() + "): "
                    + summary(eval), run.id(), v.id(), metrics);
        } catch (RuntimeException | Error e) {
            try {
                reg.finishRun(run.id(), new RunOutcome(Decision.FAILED, null, upTo, pairs.size(), json(metrics),
                        "failed: " + e));
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
        // The database has promoted the version: from here on a failure is only a stale link, which
        // the next run's recovery repairs.
        try {
            models.pointProductionAt(installed);
        } catch (RuntimeException e) {
            throw new IllegalStateException("version " + promoted.modelVersionId() + " is promoted in the database, but "
                    + models.productionLink() + " could not be updated (" + e.getMessage() + "); the next run re-points"
                    + " it", e);
        }
        models.pruneRun(run.id());
        return promoted;
    }

    /** The production version, or the {@code --policy} one before the first promotion (registered if new). */
    private ModelVersion baseModel() {
        var production = store.models().production();
        if (production.isPresent()) {
            return production.get();
        }
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException("--policy: the database has no production model yet; give the policy"
                    + " to start from (a checkpoint directory or a registered model version name)");
        }
        Path dir = Path.of(policy);
        if (Files.isDirectory(dir)) {
            String path = dir.toAbsolutePath().normalize().toString();
            for (ModelVersion v : store.models().list()) {
                if (path.equals(v.checkpointPath())) {
                    return v;
                }
            }
            String name = dir.toAbsolutePath().normalize().getFileName().toString();
            if (store.models().find(name).isPresent()) {
                name = name + "@" + Integer.toHexString(path.hashCode());
            }
            out.println("registering " + path + " as model version '" + name + "' (the starting policy)");
            return store.models().register(name, path, null);
        }
        return store.models().find(policy).orElseThrow(() -> new IllegalArgumentException("--policy " + policy
                + ": neither a directory nor a registered model version; give a checkpoint directory"));
    }

    private static Path checkpointDir(ModelVersion v) {
        if (v.checkpointPath() == null || !Files.isDirectory(Path.of(v.checkpointPath()))) {
            throw new IllegalStateException("model version '" + v.name() + "' (id " + v.id() + ") has no checkpoint"
                    + " directory (" + v.checkpointPath() + "); restore it or promote another version");
        }
        return Path.of(v.checkpointPath()).toAbsolutePath().normalize();
    }

    /** A seeded sample of older training pairs (not {@code held} out), {@code replay_ratio} per new pair. */
    private List<PreferencePair> replay(List<StoredPair> all, long after, int fresh, long seed, HeldOut held) {
        List<StoredPair> old = new ArrayList<>(all.stream().filter(p -> p.id() <= after && !held.pair(p)).toList());
        int n = (int) Math.min(old.size(), Math.round(cfg.replayRatio() * fresh));
        java.util.Collections.shuffle(old, new Random(seed));
        return old.subList(0, n).stream().map(PairSources::toPair).toList();
    }

    private static void put(Map<String, Double> m, String who, PolicyScores s) {
        m.put(who + "_preference_accuracy", s.preferenceAccuracy());
        m.put(who + "_" + PreferenceMeasures.marginKey(s.beta()), s.rewardMargin());
        m.put(who + "_likelihood_accuracy", s.likelihoodAccuracy());
        if (s.safety() != null) {
            m.put(who + "_safety", s.safety());
        }
    }

    private static String summary(RefreshEvaluator.Evaluation e) {
        return String.format("preference accuracy %.4f (production %.4f), reward margin %.4f (production %.4f)%s",
                e.candidate().preferenceAccuracy(), e.production().preferenceAccuracy(), e.candidate().rewardMargin(),
                e.production().rewardMargin(), e.candidate().safety() == null ? ""
                        : String.format(", safety %.4f (production %.4f)", e.candidate().safety(), e.production().safety()));
    }

    /** The metrics as a JSON object (Jackson); a non-finite value, which JSON cannot hold, is null. */
    static String json(Map<String, Double> metrics) {
        ObjectNode o = JSON.createObjectNode();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                o.put(k, v);
            } else {
                o.putNull(k);
            }
        });
        return o.toString();
    }
}
