package org.align4j.ppo.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.Checkpoints;
import org.align4j.core.train.LrSchedule;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.RunSession;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingState;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.loop.RlAlgorithm;
import org.align4j.ppo.loop.RlIterations;
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
 * The iteration loop is {@link RlIterations} (shared with GRPO/RLOO); around it, {@link RunSession} (the same for every stage): {@code metrics.jsonl}, TensorBoard and the
 * progress display (one line per iteration), {@code samples.jsonl} with prompt/answer/reward triples, held-out evaluation (before
 * the first iteration too, so the curve starts at the SFT model), atomic checkpoints {@code checkpoint-ITER/}
 * holding the policy, the value head, both optimizers' states, β and the iteration, an exact resume, a stop
 * request honoured at the next iteration, and a NaN/Inf in any loss, score, log-prob, value or gradient stopping
 * the run without saving (the last checkpoint stays the last good one). A PPO "step" in checkpoint names,
 * metrics and errors is an iteration.
 */
public record PpoTrainer(PpoConfig cfg, PpoParts parts, String configYaml, StopSignal signal, PrintStream out) {
    /** Prompt/answer/reward triples, one JSON object a line, in the run directory. */
    public static final String SAMPLES_FILE = RlIterations.SAMPLES_FILE;

    public PpoTrainer {
        PolicyInputs.checkFits(parts.policy(), parts.trainPrompts(), parts.evalPrompts(),
                cfg.generation().maxNewTokens());
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
            Algorithm ppo = new Algorithm(actor, critic, actorLr, criticLr, kl);
            RlIterations stage = new RlIterations(ppo, ppo.collector, parts.trainPrompts(), new RlIterations.Plan(
                    train.seed(), total, cfg.ppo().rolloutBatchSize(), cfg.ppo().logSamplesEvery(),
                    cfg.ppo().samplesLogged(), cfg.eval().budget()));
            RunSession.Outcome o = new RunSession(train, total, cfg.eval().every(), configYaml, signal, out).run(stage);
            PhaseTimer t = stage.sessionTimer();
            return new PpoResult(o.root(), o.state().step(), stage.finalIteration(o.state().step()), total, o.interrupted(), ppo.state.firstEvalReward(),
                    ppo.state.lastEvalReward(), ppo.lastEvalKl, ppo.lastKl, kl.beta(), o.finalDir(),
                    o.lastCheckpoint(), t.generationSeconds(), t.scoringSeconds(), t.trainingSeconds(),
                    stage.klBudgetWarning());
        }
    }

    /** Where the critic's optimizer state goes inside {@code training_state/}. */
    static final String CRITIC_STATE = "critic";

    /** PPO's part of the iteration: GAE on the KL-penalised rewards, the actor-critic update, the KL controller. */
    private final class Algorithm implements RlAlgorithm {
        private final AdamW actor;
        private final AdamW critic;
        private final KlController kl;
        private final RolloutCollector collector;
        private final PpoUpdate update;
        private final HeldOutEvaluation evaluation;
        private PpoState state;
        private Double lastEvalKl;
        private double lastKl = Double.NaN;

        Algorithm(AdamW actor, AdamW critic, LrSchedule actorLr, LrSchedule criticLr, KlController kl) {
            this.actor = actor;
            this.critic = critic;
            this.kl = kl;
            this.state = new PpoState(0, kl.beta(), null, null);
            ActorCritic ac = new ActorCritic(parts.policy(), parts.critic(), cfg.generation().logitScale());
            this.collector = new RolloutCollector(ac, parts.sampler(), parts.scorer(), parts.shaping(), parts.tokenizer(),
                    parts.pad(), cfg.ppo().microBatchSize());
            this.update = new PpoUpdate(ac, actor, critic, actorLr, criticLr, cfg.ppo(), cfg.train().maxGradNorm());
            RolloutCollector greedy = parts.sampler() instanceof GeneratorSampler g ? new RolloutCollector(ac,
                    g.greedy(), parts.scorer(), parts.shaping(), parts.tokenizer(), parts.pad(),
                    cfg.ppo().microBatchSize()) : null;
            this.evaluation = parts.evalPrompts() == null ? null : new HeldOutEvaluation(collector, greedy,
                    parts.evalPrompts(), cfg.eval().batchSize(), cfg.train().seed(), cfg.kl().klEstimator());
        }

        @Override
        public List<PromptSet.Prompt> answerPrompts(List<PromptSet.Prompt> batch) {
            return batch; // one answer a prompt
        }

        @Override
        public Learned learn(Rollout r, long it, long updateSeed, PhaseTimer timer) {
            double beta = kl.beta();
            Experience e = Experience.of(r, beta, cfg.kl().klEstimator(), cfg.reward().whiten(), cfg.ppo().gamma(),
                    cfg.ppo().lam(), cfg.ppo().whitenAdvantages());
            String bad = e.firstNonFinite();
            if (bad != null) {
                throw new NonFiniteTrainingException(it, bad);
            }
            long t1 = System.nanoTime();
            UpdateStats us = update.run(e, it, updateSeed);
            timer.addTraining(System.nanoTime() - t1);
            lastKl = e.meanSequenceKl();
            kl.update(lastKl, r.size());
            state = new PpoState(it, kl.beta(), state.firstEvalReward(), state.lastEvalReward());
            Map<String, Double> metrics = IterationMetrics.of(e, us, beta, kl.beta(), timer);
            metrics.putAll(parts.shaping().ruleMetrics(r.prompts(), r.answers()));
            return new Learned(metrics, e.sequenceKl(), i -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("score", r.rawScores()[i]);
                f.put("reward", r.scores()[i]);
                return f;
            });
        }

        @Override
        public void restore(Path checkpoint) {
            Path ts = checkpoint.resolve(Checkpoints.STATE_DIR);
            state = PpoState.read(ts);
            parts.policy().loadWeights(checkpoint);
            parts.critic().load(checkpoint);
            actor.load(ts);
            critic.load(ts.resolve(CRITIC_STATE));
            kl.restore(state.klCoef());
        }

        @Override
        public String resumeNote() {
            return String.format(", kl_coef %.4g", kl.beta());
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
        public Map<String, Double> evaluate(TrainingState at) {
            Map<String, Double> m = evaluation.run(new PhaseTimer());
            double reward = m.get("eval_reward");
            lastEvalKl = m.get("eval_kl");
            state = new PpoState(state.iteration(), state.klCoef(),
                    state.firstEvalReward() == null ? reward : state.firstEvalReward(), reward);
            return m;
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            parts.policy().saveWeights(dir);
            parts.critic().save(dir);
            actor.save(stateDir);
            critic.save(Files.createDirectories(stateDir.resolve(CRITIC_STATE)));
            state.write(stateDir);
        }

        @Override
        public void loadWeights(Path dir) {
            parts.policy().loadWeights(dir);
        }

        @Override
        public void saveFinal(Path dir) throws IOException {
            parts.policy().saveWeights(dir);
            parts.critic().head().save(dir.resolve(org.align4j.ppo.model.ValueHead.FILE));
        }
    }
}
