package org.align4j.ppo.grpo;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Around it, {@link RunSession} as for every stage: {@code metrics.jsonl}, TensorBoard, progress, {@code samples.jsonl} (answers
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
        int total = cfg.grpo().iterations();
        LrSchedule lr = train.schedule(total * cfg.grpo().stepsPerIteration());
        try (AdamW optimizer = new AdamW(parts.inputs().policy().trainableParameters(), train.adamHyper())) {
            Stage stage = new Stage(optimizer, lr);
            RunSession.Outcome o = new RunSession(train, total, cfg.eval().every(), configYaml, signal, out).run(stage);
            return new GrpoResult(o.root(), o.state().step(), total, o.interrupted(), o.finalDir(), o.lastCheckpoint(),
                    stage.sessionTimer.generationSeconds(), stage.sessionTimer.scoringSeconds(),
                    stage.sessionTimer.trainingSeconds());
        }
    }

    /** GRPO/RLOO iterations as a {@link RunStage}: a "step" of the session is an iteration. */
    private final class Stage implements RunStage {
        private final AdamW optimizer;
        private final RolloutCollector collector;
        private final GrpoUpdate update;
        private final GrpoEvaluation evaluation;
        private final DataOrder order;
        private final long seed = cfg.train().seed();
        private final PhaseTimer sessionTimer = new PhaseTimer();
        private MetricsJsonl samples;
        private ProgressDisplay progress;

        Stage(AdamW optimizer, LrSchedule lr) {
            PolicyInputs in = parts.inputs();
            this.optimizer = optimizer;
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

        @Override
        public void start(RunContext context) {
            samples = context.openLog(SAMPLES_FILE);
            progress = context.progress();
        }

        @Override
        public void restore(Path checkpoint, TrainingState state) {
            parts.inputs().policy().loadWeights(checkpoint);
            optimizer.load(checkpoint.resolve(Checkpoints.STATE_DIR));
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
            TrainingState next = new TrainingState(it, consumed, order.epochOf(consumed), seed, cfg.grpo().iterations(),
                    null, 0, state.tokens() + answerTokens, state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9);
            int every = cfg.grpo().logSamplesEvery();
            if (every > 0 && (it % every == 0 || it == 1)) {
                writeSamples(e, it);
            }
            return new Step(next, iterationMetrics(e, us, timer));
        }

        @Override
        public Map<String, Double> shown(Map<String, Double> line) {
            return GrpoTrainer.shown(line);
        }

        @Override
        public boolean hasEvaluation() {
            return evaluation != null;
        }

        @Override
        public Evaluation evaluate(TrainingState state) {
            return Evaluation.of(evaluation.run(new PhaseTimer()), state);
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            parts.inputs().policy().saveWeights(dir);
            optimizer.save(stateDir);
        }

        @Override
        public void saveFinal(Path dir) throws IOException {
            parts.inputs().policy().saveWeights(dir);
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

        private void writeSamples(GroupExperience e, long it) {
            Rollout r = e.rollout();
            for (int i = 0; i < Math.min(cfg.grpo().samplesLogged(), r.size()); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("step", it);
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
                        it, e.scored().total()[i], e.advantages()[i], ProgressDisplay.oneLine(r.prompts().get(i)),
                        ProgressDisplay.oneLine(r.answers().get(i))));
            }
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
}
