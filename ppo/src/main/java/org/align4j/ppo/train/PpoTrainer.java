package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.Checkpoints;
import org.align4j.core.train.DataOrder;
import org.align4j.core.train.LrSchedule;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.RunContext;
import org.align4j.core.train.RunSession;
import org.align4j.core.train.RunStage;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingState;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;
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
 * Around it, {@link RunSession} (the same for every stage): {@code metrics.jsonl}, TensorBoard and the
 * progress display (one line per iteration), {@code samples.jsonl} with prompt/answer/reward triples, held-out evaluation (before
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
        int total = cfg.ppo().iterations();
        int steps = total * cfg.ppo().stepsPerIteration();
        LrSchedule actorLr = train.schedule(steps);
        LrSchedule criticLr = new LrSchedule(actorLr.kind(), cfg.criticLr(), actorLr.warmupSteps(), steps,
                actorLr.minLrRatio());
        KlController kl = cfg.kl().newController();
        try (AdamW actor = new AdamW(parts.policy().trainableParameters(), train.adamHyper());
                AdamW critic = new AdamW(parts.critic().trainableParameters(), train.adamHyper())) {
            Stage stage = new Stage(actor, critic, actorLr, criticLr, kl);
            RunSession.Outcome o = new RunSession(train, total, cfg.eval().every(), configYaml, signal, out).run(stage);
            return new PpoResult(o.root(), o.state().step(), total, o.interrupted(), stage.ppo.firstEvalReward(),
                    stage.ppo.lastEvalReward(), stage.lastEvalKl, stage.lastKl, kl.beta(), o.finalDir(),
                    o.lastCheckpoint(), stage.sessionTimer.generationSeconds(), stage.sessionTimer.scoringSeconds(),
                    stage.sessionTimer.trainingSeconds());
        }
    }

    /** Where the critic's optimizer state goes inside {@code training_state/}. */
    static final String CRITIC_STATE = "critic";

    /** PPO iterations as a {@link RunStage}: a "step" of the session is an iteration. */
    private final class Stage implements RunStage {
        private final AdamW actor;
        private final AdamW critic;
        private final KlController kl;
        private final RolloutCollector collector;
        private final PpoUpdate update;
        private final HeldOutEvaluation evaluation;
        private final DataOrder order;
        private final long seed = cfg.train().seed();
        private final PhaseTimer sessionTimer = new PhaseTimer();
        private MetricsJsonl samples;
        private ProgressDisplay progress;
        private PpoState ppo;
        private Double lastEvalKl;
        private double lastKl = Double.NaN;

        Stage(AdamW actor, AdamW critic, LrSchedule actorLr, LrSchedule criticLr, KlController kl) {
            this.actor = actor;
            this.critic = critic;
            this.kl = kl;
            this.ppo = new PpoState(0, kl.beta(), null, null);
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

        @Override
        public void start(RunContext context) {
            samples = context.openLog(SAMPLES_FILE);
            progress = context.progress();
        }

        @Override
        public void restore(Path checkpoint, TrainingState state) {
            Path ts = checkpoint.resolve(Checkpoints.STATE_DIR);
            ppo = PpoState.read(ts);
            parts.policy().loadWeights(checkpoint);
            parts.critic().load(checkpoint);
            actor.load(ts);
            critic.load(ts.resolve(CRITIC_STATE));
            kl.restore(ppo.klCoef());
        }

        @Override
        public String resumeNote() {
            return String.format(", kl_coef %.4g", kl.beta());
        }

        @Override
        public String unit() {
            return "iteration";
        }

        @Override
        public Step step(TrainingState state) {
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
            TrainingState next = new TrainingState(it, consumed, order.epochOf(consumed), seed, cfg.ppo().iterations(),
                    null, 0, state.tokens() + answerTokens, state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9);
            ppo = new PpoState(it, kl.beta(), ppo.firstEvalReward(), ppo.lastEvalReward());
            int every = cfg.ppo().logSamplesEvery();
            if (every > 0 && (it % every == 0 || it == 1)) {
                writeSamples(e, it);
            }
            return new Step(next, IterationMetrics.of(e, us, beta, kl.beta(), timer));
        }

        @Override
        public Map<String, Double> shown(Map<String, Double> line) {
            return IterationMetrics.shown(line);
        }

        @Override
        public boolean hasEvaluation() {
            return evaluation != null;
        }

        @Override
        public Evaluation evaluate(TrainingState state) {
            Map<String, Double> m = evaluation.run(new PhaseTimer());
            double reward = m.get("eval_reward");
            lastEvalKl = m.get("eval_kl");
            ppo = new PpoState(ppo.iteration(), ppo.klCoef(), ppo.firstEvalReward() == null ? reward : ppo.firstEvalReward(),
                    reward);
            return Evaluation.of(m, state);
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            parts.policy().saveWeights(dir);
            parts.critic().save(dir);
            actor.save(stateDir);
            critic.save(Files.createDirectories(stateDir.resolve(CRITIC_STATE)));
            ppo.write(stateDir);
        }

        @Override
        public void saveFinal(Path dir) throws IOException {
            parts.policy().saveWeights(dir);
            parts.critic().head().save(dir.resolve(org.align4j.ppo.model.ValueHead.FILE));
        }

        /** The prompts of iteration {@code it}: the next rollout_batch_size of the seeded, epoch-wise shuffle. */
        private List<PromptSet.Prompt> prompts(long it) {
            return parts.trainPrompts().iterationBatch(order, it, cfg.ppo().rolloutBatchSize());
        }

        private void writeSamples(Experience e, long it) {
            Rollout r = e.rollout();
            double[] seqKl = e.sequenceKl();
            for (int i = 0; i < Math.min(cfg.ppo().samplesLogged(), r.size()); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", it);
                line.put("prompt", r.prompts().get(i));
                line.put("answer", r.answers().get(i));
                line.put("score", r.rawScores()[i]);
                line.put("reward", r.scores()[i]);
                line.put("kl", seqKl[i]);
                line.put("ended_with_eos", r.stopped()[i]);
                samples.write(line);
                progress.message(String.format("sample (iteration %d, score %.3f, kl %.3f): %s%n  -> %s", it,
                        r.rawScores()[i], seqKl[i], ProgressDisplay.oneLine(r.prompts().get(i)), ProgressDisplay.oneLine(r.answers().get(i))));
            }
        }
    }
}
