package org.align4j.ppo.grpo;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.align4j.core.io.AtomicDirectory;
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
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.reward.AnswerBatch;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.RolloutCollector;
import org.align4j.ppo.rollout.ScoreShaping;
import org.align4j.ppo.train.PolicyInputs;

/**
 * Critic-free RL on a weighted reward list: GRPO (Shao et al. 2024, "DeepSeekMath"; Dr. GRPO options of Liu
 * et al. 2025) and RLOO (Ahmadian et al. 2024, "Back to Basics"). Each iteration:
 * <ol>
 *   <li>rollout: {@code group_size} answers to each of {@code prompts_per_iteration} prompts, sampled with
 *       the KV-cache generator, with the old and reference log-probs (PPO's {@link RolloutCollector}, no
 *       critic);</li>
 *   <li>rewards: every function of the list, each logged as {@code reward_NAME}, summed with its weight
 *       ({@link WeightedRewards});</li>
 *   <li>advantages within each group ({@link GroupExperience});</li>
 *   <li>update: {@code epochs} passes of clipped minibatch steps, with β·k3 in the loss for GRPO
 *       ({@link GrpoUpdate}).</li>
 * </ol>
 * Around it, as PPO's trainer: {@code metrics.jsonl}, TensorBoard, progress, {@code samples.jsonl} (answers
 * with each reward component and the advantage), held-out evaluation before the first iteration and every
 * {@code eval.every}, atomic checkpoints {@code checkpoint-ITER/} (policy weights, optimizer state, iteration),
 * exact resume, a stop request honoured at the next iteration (after a checkpoint), and NaN/Inf stopping the
 * run without saving. The RNG of iteration k (prompt order, sampling, minibatch order) depends only on the
 * seed and k, which is what makes a resumed run equal an uninterrupted one.
 */
public final class GrpoTrainer {
    /** Prompt/answer/reward lines, one JSON object a line, in the run directory. */
    public static final String SAMPLES_FILE = "samples.jsonl";

    private final GrpoConfig cfg;
    private final GrpoParts parts;
    private final String configYaml;
    private final StopSignal signal;
    private final PrintStream out;

    public GrpoTrainer(GrpoConfig cfg, GrpoParts parts, String configYaml, StopSignal signal, PrintStream out) {
        this.cfg = cfg;
        this.parts = parts;
        this.configYaml = configYaml;
        this.signal = signal;
        this.out = out;
        parts.inputs().checkFits(cfg.generation().maxNewTokens());
    }

    /** Trains to the end (or to a stop request). */
    public GrpoResult run() {
        TrainConfig train = cfg.train();
        RunDirectory run = new RunDirectory(Path.of(train.outputDir()));
        Optional<Path> resumeFrom = run.prepare(train.resume(), train.overwriteOutputDir(), configYaml);
        int total = cfg.grpo().iterations();
        LrSchedule lr = train.schedule(total * cfg.grpo().stepsPerIteration());
        PolicyInputs in = parts.inputs();
        signal.started();
        try (AdamW optimizer = new AdamW(in.policy().trainableParameters(), train.adamHyper())) {
            TrainingState state = TrainingState.initial(train.seed(), total);
            if (resumeFrom.isPresent()) {
                Path ckpt = resumeFrom.get();
                Path ts = ckpt.resolve(Checkpoints.STATE_DIR);
                state = TrainingState.read(ts);
                if (state.seed() != train.seed()) {
                    throw new IllegalArgumentException("train.seed: " + train.seed() + " differs from the seed "
                            + state.seed() + " of the run in " + ckpt + "; resume with the same seed");
                }
                in.policy().loadWeights(ckpt);
                optimizer.load(ts);
                out.printf("resuming from %s (iteration %d of %d)%n", ckpt, state.step(), total);
            }
            long keep = resumeFrom.isPresent() ? state.step() : -1;
            try (MetricsJsonl metrics = MetricsJsonl.open(run.root().resolve(RunDirectory.METRICS_FILE), keep);
                    MetricsJsonl samples = MetricsJsonl.open(run.root().resolve(SAMPLES_FILE), keep);
                    TensorBoardWriter tb = TensorBoardWriter.create(run.root().resolve(RunDirectory.TENSORBOARD_DIR));
                    ProgressDisplay progress = ProgressDisplay.create(run.root().getFileName().toString(), state.step(),
                            total, out)) {
                return new Session(run, optimizer, lr, state, metrics, samples, tb, progress).train(resumeFrom.isEmpty());
            }
        } finally {
            signal.finished();
        }
    }

    /** The mutable part of one training session. */
    private final class Session {
        private final RunDirectory run;
        private final AdamW optimizer;
        private final MetricsJsonl metrics;
        private final MetricsJsonl samples;
        private final TensorBoardWriter tb;
        private final ProgressDisplay progress;
        private final RolloutCollector collector;
        private final GrpoUpdate update;
        private final GrpoEvaluation evaluation;
        private final DataOrder order;
        private final long seed = cfg.train().seed();
        private final PhaseTimer sessionTimer = new PhaseTimer();
        private final Map<String, Double> logSums = new LinkedHashMap<>();
        private int logCount;
        private TrainingState state;
        private Path lastCheckpoint;

        Session(RunDirectory run, AdamW optimizer, LrSchedule lr, TrainingState state, MetricsJsonl metrics,
                MetricsJsonl samples, TensorBoardWriter tb, ProgressDisplay progress) {
            PolicyInputs in = parts.inputs();
            this.run = run;
            this.optimizer = optimizer;
            this.state = state;
            this.metrics = metrics;
            this.samples = samples;
            this.tb = tb;
            this.progress = progress;
            ActorCritic policy = new ActorCritic(in.policy(), null, cfg.generation().logitScale());
            // The reward list scores after collection (it needs lengths and stop flags): no scorer inside.
            this.collector = new RolloutCollector(policy, in.sampler(), (p, a) -> new float[a.size()],
                    new ScoreShaping(null, 0, 0), in.tokenizer(), in.pad(), cfg.grpo().microBatchSize());
            this.update = new GrpoUpdate(policy, optimizer, lr, cfg.grpo(), cfg.generation().maxNewTokens(),
                    cfg.train().maxGradNorm());
            this.evaluation = in.evalPrompts() == null ? null : new GrpoEvaluation(collector, parts.rewards(),
                    in.evalPrompts(), cfg.eval().batchSize(), seed);
            this.order = new DataOrder(in.trainPrompts().size(), 1, seed, true);
        }

        GrpoResult train(boolean fresh) {
            int total = cfg.grpo().iterations();
            if (fresh && evaluation != null) {
                evaluate(); // the starting point: the SFT policy
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
                AtomicDirectory.write(finalDir, d -> parts.inputs().policy().saveWeights(d));
            }
            return new GrpoResult(run.root(), state.step(), total, interrupted, finalDir, lastCheckpoint,
                    sessionTimer.generationSeconds(), sessionTimer.scoringSeconds(), sessionTimer.trainingSeconds());
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
            long ts = System.nanoTime();
            WeightedRewards.Scored scored = parts.rewards().score(new AnswerBatch(r.prompts(), r.answers(), r.lengths(),
                    r.stopped()));
            timer.addScoring(System.nanoTime() - ts);
            GroupExperience e = GroupExperience.of(r, scored, cfg.grpo());
            bad = e.firstNonFinite();
            if (bad != null) {
                throw new NonFiniteTrainingException(it, bad);
            }
            long t1 = System.nanoTime();
            Map<String, Double> us = update.run(e, it, seed * 0x632BE59BD9B4E019L + it);
            timer.addTraining(System.nanoTime() - t1);
            sessionTimer.addGeneration((long) (timer.generationSeconds() * 1e9));
            sessionTimer.addScoring((long) (timer.scoringSeconds() * 1e9));
            sessionTimer.addTraining((long) (timer.trainingSeconds() * 1e9));
            long consumed = it * cfg.grpo().promptsPerIteration();
            long answerTokens = java.util.Arrays.stream(r.lengths()).asLongStream().sum();
            state = new TrainingState(it, consumed, order.epochOf(consumed), seed, cfg.grpo().iterations(), null, 0,
                    state.tokens() + answerTokens, state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9);
            accumulate(iterationMetrics(e, us, timer));
            int every = cfg.grpo().logSamplesEvery();
            if (every > 0 && (it % every == 0 || it == 1)) {
                writeSamples(e);
            }
            progress.step(it);
        }

        private Map<String, Double> iterationMetrics(GroupExperience e, Map<String, Double> update, PhaseTimer timer) {
            Map<String, Double> m = new LinkedHashMap<>(parts.rewards().logged(e.scored()));
            m.put("kl", e.meanKl());
            m.putAll(update);
            m.put("zero_variance_groups", e.zeroVarianceShare(cfg.grpo().groupSize()));
            int[] len = e.rollout().lengths();
            m.put("answer_length", java.util.Arrays.stream(len).average().orElse(0));
            double eos = 0;
            for (boolean s : e.rollout().stopped()) {
                eos += s ? 1 : 0;
            }
            m.put("eos_share", eos / len.length);
            m.put("time_generation_s", timer.generationSeconds());
            m.put("time_scoring_s", timer.scoringSeconds());
            m.put("time_training_s", timer.trainingSeconds());
            return m;
        }

        /** The prompts of iteration {@code it}, each repeated group_size times (a group's answers are adjacent). */
        private List<PromptSet.Prompt> prompts(long it) {
            List<PromptSet.Prompt> out = new ArrayList<>();
            for (PromptSet.Prompt p : parts.inputs().trainPrompts().iterationBatch(order, it,
                    cfg.grpo().promptsPerIteration())) {
                for (int g = 0; g < cfg.grpo().groupSize(); g++) {
                    out.add(p);
                }
            }
            return out;
        }

        private void writeSamples(GroupExperience e) {
            Rollout r = e.rollout();
            for (int i = 0; i < Math.min(cfg.grpo().samplesLogged(), r.size()); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", state.step());
                line.put("prompt", r.prompts().get(i));
                line.put("answer", r.answers().get(i));
                line.put("reward", e.scored().total()[i]);
                for (Map.Entry<String, double[]> c : e.scored().components().entrySet()) {
                    line.put("reward_" + c.getKey(), c.getValue()[i]);
                }
                line.put("advantage", e.advantages()[i]);
                line.put("kl", e.sequenceKl()[i]);
                line.put("ended_with_eos", r.stopped()[i]);
                samples.write(line);
                progress.message(String.format("sample (iteration %d, reward %.3f, advantage %.3f): %s%n  -> %s",
                        state.step(), e.scored().total()[i], e.advantages()[i], abbreviate(r.prompts().get(i)),
                        abbreviate(r.answers().get(i))));
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
            progress.log(state.step(), shown(m));
            logSums.clear();
            logCount = 0;
        }

        private void evaluate() {
            Map<String, Double> m = evaluation.run(new PhaseTimer());
            emit(m);
            progress.message("iteration " + state.step() + " eval: " + ProgressDisplay.format(m));
        }

        private void emit(Map<String, Double> m) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", state.step());
            m.forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    line.put(k, v);
                    tb.scalar(k.startsWith("eval_") ? "eval/" + k.substring(5) : cfg.grpo().algorithm() + "/" + k,
                            state.step(), v);
                }
            });
            metrics.write(line);
            tb.flush();
        }

        private void checkpoint() {
            Path dir = Checkpoints.dir(run.root(), state.step());
            TrainingState snapshot = state;
            AtomicDirectory.write(dir, d -> {
                parts.inputs().policy().saveWeights(d);
                Files.writeString(d.resolve(RunDirectory.CONFIG_FILE), configYaml);
                Path ts = Files.createDirectories(d.resolve(Checkpoints.STATE_DIR));
                optimizer.save(ts);
                snapshot.write(ts); // last: its presence marks the checkpoint complete
            });
            lastCheckpoint = dir;
            Checkpoints.prune(run.root(), cfg.train().saveTotalLimit());
            progress.message("saved " + dir);
        }
    }

    /** The metrics on the progress line: the rewards, KL and length (the rest is in metrics.jsonl). */
    static Map<String, Double> shown(Map<String, Double> m) {
        Map<String, Double> s = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith("reward") || k.equals("safety_pass_rate") || k.equals("kl") || k.equals("answer_length")) {
                s.put(k, v);
            }
        });
        return s;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
