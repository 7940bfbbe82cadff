package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.align4j.core.io.AtomicDirectory;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.Checkpoints;
import org.align4j.core.train.DataOrder;
import org.align4j.core.train.LrSchedule;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingState;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;
import org.align4j.core.train.metrics.TensorBoardWriter;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.math.KlController;
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.GeneratorSampler;
import org.align4j.ppo.rollout.RolloutCollector;

/**
 * PPO with a KL penalty against a frozen reference (Ziegler et al. 2019, "Fine-Tuning Language Models from
 * Human Preferences"; Ouyang et al. 2022, "Training language models to follow instructions with human
 * feedback"). Each iteration:
 * <ol>
 *   <li>rollout: answers to {@code rollout_batch_size} prompts sampled from the policy ({@link RolloutCollector}),
 *       scored by the reward model, with the old log-probs, reference log-probs and values;</li>
 *   <li>advantages: per-token rewards {@code −β·kl_t} plus the score on the last token, GAE ({@link Experience});</li>
 *   <li>update: {@code ppo_epochs} passes of clipped-surrogate minibatch steps ({@link PpoUpdate});</li>
 *   <li>the KL controller updates β from the rollout's mean KL per answer ({@link KlController}).</li>
 * </ol>
 * Around it, the shared training pieces: {@code metrics.jsonl}, TensorBoard and the progress display (one
 * line per iteration), {@code samples.jsonl} with prompt/answer/reward triples, held-out evaluation (before
 * the first iteration too, so the curve starts at the SFT model), atomic checkpoints {@code checkpoint-ITER/}
 * holding the policy, the value head, both optimizers' states, β and the iteration, an exact resume, a stop
 * request honoured at the next iteration, and a NaN/Inf in any loss, score, log-prob, value or gradient stopping
 * the run without saving (the last checkpoint stays the last good one). A PPO "step" in checkpoint names,
 * metrics and errors is an iteration.
 */
public final class PpoTrainer {
    /** Prompt/answer/reward triples, one JSON object a line, in the run directory. */
    public static final String SAMPLES_FILE = "samples.jsonl";

    private final PpoConfig cfg;
    private final PpoParts parts;
    private final String configYaml;
    private final StopSignal signal;
    private final PrintStream out;

    public PpoTrainer(PpoConfig cfg, PpoParts parts, String configYaml, StopSignal signal, PrintStream out) {
        this.cfg = cfg;
        this.parts = parts;
        this.configYaml = configYaml;
        this.signal = signal;
        this.out = out;
        ModelConfig mc = parts.policy().lm().config();
        int longest = parts.trainPrompts().longest();
        if (parts.evalPrompts() != null) {
            longest = Math.max(longest, parts.evalPrompts().longest());
        }
        if (longest + cfg.generation().maxNewTokens() > mc.maxPositions()) {
            throw new IllegalArgumentException("generation.max_new_tokens: a prompt of " + longest + " tokens plus "
                    + cfg.generation().maxNewTokens() + " new tokens exceeds the policy's " + mc.maxPositions()
                    + " positions; lower prompts.max_prompt_tokens or generation.max_new_tokens");
        }
    }

    /** Trains to the end (or to a stop request) and returns how it went. */
    public PpoResult run() {
        TrainConfig train = cfg.train();
        RunDirectory run = new RunDirectory(Path.of(train.outputDir()));
        Optional<Path> resumeFrom = run.prepare(train.resume(), train.overwriteOutputDir(), configYaml);
        int total = cfg.ppo().iterations();
        int steps = total * cfg.ppo().stepsPerIteration();
        LrSchedule actorLr = train.schedule(steps);
        LrSchedule criticLr = new LrSchedule(actorLr.kind(), cfg.criticLr(), actorLr.warmupSteps(), steps,
                actorLr.minLrRatio());
        KlController kl = cfg.kl().newController();
        signal.started();
        try (AdamW actor = new AdamW(parts.policy().trainableParameters(), train.adamHyper());
                AdamW critic = new AdamW(parts.critic().trainableParameters(), train.adamHyper())) {
            TrainingState state = TrainingState.initial(train.seed(), total);
            PpoState ppo = new PpoState(0, kl.beta(), null, null);
            if (resumeFrom.isPresent()) {
                Path ckpt = resumeFrom.get();
                Path ts = ckpt.resolve(Checkpoints.STATE_DIR);
                state = TrainingState.read(ts);
                if (state.seed() != train.seed()) {
                    throw new IllegalArgumentException("train.seed: " + train.seed() + " differs from the seed "
                            + state.seed() + " of the run in " + ckpt + "; resume with the same seed");
                }
                ppo = PpoState.read(ts);
                parts.policy().loadWeights(ckpt);
                parts.critic().load(ckpt);
                actor.load(ts);
                critic.load(ts.resolve(CRITIC_STATE));
                kl.restore(ppo.klCoef());
                out.printf("resuming from %s (iteration %d of %d, kl_coef %.4g)%n", ckpt, state.step(), total, kl.beta());
            }
            long keep = resumeFrom.isPresent() ? state.step() : -1;
            try (MetricsJsonl metrics = MetricsJsonl.open(run.root().resolve(RunDirectory.METRICS_FILE), keep);
                    MetricsJsonl samples = MetricsJsonl.open(run.root().resolve(SAMPLES_FILE), keep);
                    TensorBoardWriter tb = TensorBoardWriter.create(run.root().resolve(RunDirectory.TENSORBOARD_DIR));
                    ProgressDisplay progress = ProgressDisplay.create(run.root().getFileName().toString(), state.step(),
                            total, out)) {
                Session s = new Session(run, actor, critic, actorLr, criticLr, kl, state, ppo, metrics, samples, tb,
                        progress);
                return s.train(resumeFrom.isEmpty());
            }
        } finally {
            signal.finished();
        }
    }

    /** Where the critic's optimizer state goes inside {@code training_state/}. */
    static final String CRITIC_STATE = "critic";

    /** The mutable part of one training session. */
    private final class Session {
        private final RunDirectory run;
        private final AdamW actor;
        private final AdamW critic;
        private final KlController kl;
        private final MetricsJsonl metrics;
        private final MetricsJsonl samples;
        private final TensorBoardWriter tb;
        private final ProgressDisplay progress;
        private final RolloutCollector collector;
        private final PpoUpdate update;
        private final HeldOutEvaluation evaluation;
        private final DataOrder order;
        private final long seed = cfg.train().seed();
        private final PhaseTimer sessionTimer = new PhaseTimer();
        private TrainingState state;
        private PpoState ppo;
        private Double lastEvalKl;
        private double lastKl = Double.NaN;
        private Path lastCheckpoint;
        private final Map<String, Double> logSums = new LinkedHashMap<>();
        private int logCount;

        Session(RunDirectory run, AdamW actor, AdamW critic, LrSchedule actorLr, LrSchedule criticLr, KlController kl,
                TrainingState state, PpoState ppo, MetricsJsonl metrics, MetricsJsonl samples, TensorBoardWriter tb,
                ProgressDisplay progress) {
            this.run = run;
            this.actor = actor;
            this.critic = critic;
            this.kl = kl;
            this.state = state;
            this.ppo = ppo;
            this.metrics = metrics;
            this.samples = samples;
            this.tb = tb;
            this.progress = progress;
            ActorCritic ac = new ActorCritic(parts.policy(), parts.critic(), cfg.generation().logitScale());
            this.collector = new RolloutCollector(ac, parts.sampler(), parts.scorer(), parts.shaping(), parts.tokenizer(),
                    parts.pad(), cfg.ppo().microBatchSize());
            this.update = new PpoUpdate(ac, actor, critic, actorLr, criticLr, cfg.ppo(), cfg.train().maxGradNorm());
            RolloutCollector greedy = parts.sampler() instanceof GeneratorSampler g ? new RolloutCollector(ac,
                    g.greedy(), parts.scorer(), parts.shaping(), parts.tokenizer(), parts.pad(),
                    cfg.ppo().microBatchSize()) : null;
            this.evaluation = parts.evalPrompts() == null ? null : new HeldOutEvaluation(collector, greedy,
                    parts.evalPrompts(), cfg.eval().batchSize(), seed, cfg.kl().klEstimator());
            this.order = new DataOrder(parts.trainPrompts().size(), 1, seed, true);
        }

        PpoResult train(boolean fresh) {
            int total = cfg.ppo().iterations();
            if (fresh && evaluation != null) {
                evaluate(); // the starting point: the SFT policy's held-out reward
            }
            boolean interrupted = false;
            while (state.step() < total) {
                if (signal.stopRequested()) {
                    interrupted = true;
                    break;
                }
                iterate();
                long it = state.step();
                boolean last = it == total;
                if (it % cfg.train().logEvery() == 0 || last) {
                    log();
                }
                if (evaluation != null && ((cfg.eval().every() > 0 && it % cfg.eval().every() == 0) || last)) {
                    evaluate();
                }
                if ((cfg.train().saveEvery() > 0 && it % cfg.train().saveEvery() == 0) || last) {
                    checkpoint();
                }
            }
            if (interrupted && (lastCheckpoint == null || Checkpoints.stepOf(lastCheckpoint) != state.step())) {
                checkpoint();
                progress.message("stopped at iteration " + state.step() + "; resume with --resume");
            }
            Path finalDir = null;
            if (!interrupted) {
                finalDir = run.root().resolve(RunDirectory.FINAL_DIR);
                AtomicDirectory.write(finalDir, d -> {
                    parts.policy().saveWeights(d);
                    parts.critic().head().save(d.resolve(org.align4j.ppo.model.ValueHead.FILE));
                });
            }
            return new PpoResult(run.root(), state.step(), total, interrupted, ppo.firstEvalReward(),
                    ppo.lastEvalReward(), lastEvalKl, lastKl, kl.beta(), finalDir, lastCheckpoint, sessionTimer.generationSeconds(),
                    sessionTimer.scoringSeconds(), sessionTimer.trainingSeconds());
        }

        private void iterate() {
            long t0 = System.nanoTime();
            long it = state.step() + 1;
            Engine.getInstance().setRandomSeed((int) (seed + it));
            PhaseTimer timer = new PhaseTimer();
            Rollout r = collector.collect(prompts(it), seed * 0x9E3779B97F4A7C15L + it, timer);
            String bad = r.firstNonFinite();
            if (bad != null) {
                throw new NonFiniteTrainingException(it, bad);
            }
            double beta = kl.beta();
            Experience e = Experience.of(r, beta, cfg.kl().klEstimator(), cfg.reward().whiten(), cfg.ppo().gamma(),
                    cfg.ppo().lam(), cfg.ppo().whitenAdvantages());
            bad = e.firstNonFinite();
            if (bad != null) {
                throw new NonFiniteTrainingException(it, bad);
            }
            long t1 = System.nanoTime();
            UpdateStats us = update.run(e, it, seed * 0x632BE59BD9B4E019L + it);
            timer.addTraining(System.nanoTime() - t1);
            lastKl = e.meanSequenceKl();
            kl.update(lastKl, r.size());
            sessionTimer.addGeneration((long) (timer.generationSeconds() * 1e9));
            sessionTimer.addScoring((long) (timer.scoringSeconds() * 1e9));
            sessionTimer.addTraining((long) (timer.trainingSeconds() * 1e9));
            long consumed = it * cfg.ppo().rolloutBatchSize();
            long answerTokens = java.util.Arrays.stream(r.lengths()).asLongStream().sum();
            state = new TrainingState(it, consumed, order.epochOf(consumed), seed, cfg.ppo().iterations(), null, 0,
                    state.tokens() + answerTokens, state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9);
            ppo = new PpoState(it, kl.beta(), ppo.firstEvalReward(), ppo.lastEvalReward());
            accumulate(IterationMetrics.of(e, us, beta, kl.beta(), timer));
            int every = cfg.ppo().logSamplesEvery();
            if (every > 0 && (it % every == 0 || it == 1)) {
                writeSamples(e);
            }
            progress.step(it);
        }

        /** The prompts of iteration {@code it}: the next rollout_batch_size of the seeded, epoch-wise shuffle. */
        private List<PromptSet.Prompt> prompts(long it) {
            return parts.trainPrompts().iterationBatch(order, it, cfg.ppo().rolloutBatchSize());
        }

        private void writeSamples(Experience e) {
            Rollout r = e.rollout();
            double[] seqKl = e.sequenceKl();
            for (int i = 0; i < Math.min(cfg.ppo().samplesLogged(), r.size()); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", state.step());
                line.put("prompt", r.prompts().get(i));
                line.put("answer", r.answers().get(i));
                line.put("score", r.rawScores()[i]);
                line.put("reward", r.scores()[i]);
                line.put("kl", seqKl[i]);
                line.put("ended_with_eos", r.stopped()[i]);
                samples.write(line);
                progress.message(String.format("sample (iteration %d, score %.3f, kl %.3f): %s%n  -> %s", state.step(),
                        r.rawScores()[i], seqKl[i], abbreviate(r.prompts().get(i)), abbreviate(r.answers().get(i))));
            }
        }

        private void accumulate(Map<String, Double> m) {
            m.forEach((k, v) -> logSums.merge(k, v, Double::sum));
            logCount++;
        }

        private void log() {
            Map<String, Double> m = new LinkedHashMap<>();
            int n = logCount;
            logSums.forEach((k, v) -> m.put(k, v / n));
            emit(m);
            progress.log(state.step(), IterationMetrics.shown(m));
            logSums.clear();
            logCount = 0;
        }

        private void evaluate() {
            Map<String, Double> m = evaluation.run(new PhaseTimer());
            emit(m);
            progress.message("iteration " + state.step() + " eval: " + ProgressDisplay.format(m));
            double reward = m.get("eval_reward");
            lastEvalKl = m.get("eval_kl");
            ppo = new PpoState(ppo.iteration(), ppo.klCoef(), ppo.firstEvalReward() == null ? reward : ppo.firstEvalReward(),
                    reward);
        }

        private void emit(Map<String, Double> m) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", state.step());
            m.forEach((k, v) -> {
                if (Double.isFinite(v)) { // explained variance is undefined for constant returns
                    line.put(k, v);
                    tb.scalar(k.startsWith("eval_") ? "eval/" + k.substring(5) : "ppo/" + k, state.step(), v);
                }
            });
            metrics.write(line);
            tb.flush();
        }

        private void checkpoint() {
            Path dir = Checkpoints.dir(run.root(), state.step());
            TrainingState snapshot = state;
            PpoState ppoSnapshot = ppo;
            AtomicDirectory.write(dir, d -> {
                parts.policy().saveWeights(d);
                parts.critic().save(d);
                Files.writeString(d.resolve(RunDirectory.CONFIG_FILE), configYaml);
                Path ts = Files.createDirectories(d.resolve(Checkpoints.STATE_DIR));
                actor.save(ts);
                critic.save(Files.createDirectories(ts.resolve(CRITIC_STATE)));
                ppoSnapshot.write(ts);
                snapshot.write(ts); // last: its presence marks the checkpoint complete
            });
            lastCheckpoint = dir;
            Checkpoints.prune(run.root(), cfg.train().saveTotalLimit());
            progress.message("saved " + dir);
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
