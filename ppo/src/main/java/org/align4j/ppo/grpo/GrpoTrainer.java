package org.align4j.ppo.grpo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.align4j.ppo.loop.RlAlgorithm;
import org.align4j.ppo.loop.RlIterations;
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.AnswerStats;
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
 * The iteration loop is {@link RlIterations} (shared with PPO); around it, {@link RunSession} as for every stage: {@code metrics.jsonl}, TensorBoard, progress, {@code samples.jsonl} (answers
 * with each reward component and the advantage), held-out evaluation before the first iteration and every
 * {@code eval.every}, atomic checkpoints {@code checkpoint-ITER/} (policy weights, optimizer state, iteration),
 * exact resume, a stop request honoured at the next iteration (after a checkpoint), and NaN/Inf stopping the
 * run without saving. The RNG of iteration k (prompt order, sampling, minibatch order) depends only on the
 * seed and k, which is what makes a resumed run equal an uninterrupted one.
 */
public record GrpoTrainer(GrpoConfig cfg, GrpoParts parts, String configYaml, StopSignal signal, PrintStream out) {
    /** Prompt/answer/reward lines, one JSON object a line, in the run directory. */
    public static final String SAMPLES_FILE = RlIterations.SAMPLES_FILE;

    public GrpoTrainer {
        parts.inputs().checkFits(cfg.generation().maxNewTokens());
    }

    /** Trains to the end (or to a stop request). */
    public GrpoResult run() {
        TrainConfig train = cfg.train();
        int total = cfg.grpo().iterations();
        LrSchedule lr = train.schedule(total * cfg.grpo().stepsPerIteration());
        try (AdamW optimizer = new AdamW(parts.inputs().policy().trainableParameters(), train.adamHyper())) {
            Algorithm grpo = new Algorithm(optimizer, lr);
            RlIterations stage = new RlIterations(grpo, grpo.collector, parts.inputs().trainPrompts(),
                    new RlIterations.Plan(train.seed(), total, cfg.grpo().promptsPerIteration(),
                            cfg.grpo().logSamplesEvery(), cfg.grpo().samplesLogged(), cfg.eval().budget()));
            RunSession.Outcome o = new RunSession(train, total, cfg.eval().every(), configYaml, signal, out).run(stage);
            PhaseTimer t = stage.sessionTimer();
            return new GrpoResult(o.root(), o.state().step(), stage.finalIteration(o.state().step()), total, o.interrupted(), o.finalDir(), o.lastCheckpoint(),
                    t.generationSeconds(), t.scoringSeconds(), t.trainingSeconds(), stage.klBudgetWarning());
        }
    }

    /** GRPO/RLOO's part of the iteration: the reward list, group advantages, the critic-free update. */
    private final class Algorithm implements RlAlgorithm {
        private final AdamW optimizer;
        private final RolloutCollector collector;
        private final GrpoUpdate update;
        private final GrpoEvaluation evaluation;

        Algorithm(AdamW optimizer, LrSchedule lr) {
            PolicyInputs in = parts.inputs();
            this.optimizer = optimizer;
            ActorCritic policy = new ActorCritic(in.policy(), null, cfg.generation().logitScale());
            // The reward list scores after collection (it needs lengths and stop flags): no scorer inside.
            this.collector = new RolloutCollector(policy, in.sampler(), (p, a) -> new float[a.size()],
                    new ScoreShaping(null, 0, 0), in.tokenizer(), in.pad(), cfg.grpo().microBatchSize());
            this.update = new GrpoUpdate(policy, optimizer, lr, cfg.grpo(), cfg.generation().maxNewTokens(),
                    cfg.train().maxGradNorm());
            this.evaluation = in.evalPrompts() == null ? null : new GrpoEvaluation(collector, parts.rewards(),
                    in.evalPrompts(), cfg.eval().batchSize(), cfg.train().seed());
        }

        /** Each prompt group_size times: a group's answers are adjacent. */
        @Override
        public List<PromptSet.Prompt> answerPrompts(List<PromptSet.Prompt> batch) {
            List<PromptSet.Prompt> out = new ArrayList<>();
            for (PromptSet.Prompt p : batch) {
                for (int g = 0; g < cfg.grpo().groupSize(); g++) {
                    out.add(p);
                }
            }
            return out;
        }

        @Override
        public Learned learn(Rollout r, long it, long updateSeed, PhaseTimer timer) {
            long ts = System.nanoTime();
            WeightedRewards.Scored scored = parts.rewards().score(r.answerBatch());
            timer.addScoring(System.nanoTime() - ts);
            GroupExperience e = GroupExperience.of(r, scored, cfg.grpo());
            String bad = e.firstNonFinite();
            if (bad != null) {
                throw new NonFiniteTrainingException(it, bad);
            }
            long t1 = System.nanoTime();
            Map<String, Double> us = update.run(e, it, updateSeed);
            timer.addTraining(System.nanoTime() - t1);
            return new Learned(iterationMetrics(e, us, timer), e.sequenceKl(), i -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("reward", e.scored().total()[i]);
                for (Map.Entry<String, double[]> c : e.scored().components().entrySet()) {
                    f.put("reward_" + c.getKey(), c.getValue()[i]);
                }
                f.put("advantage", e.advantages()[i]);
                return f;
            });
        }

        @Override
        public void restore(Path checkpoint) {
            parts.inputs().policy().loadWeights(checkpoint);
            optimizer.load(checkpoint.resolve(Checkpoints.STATE_DIR));
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
        public Map<String, Double> evaluate(TrainingState state) {
            return evaluation.run(new PhaseTimer());
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            parts.inputs().policy().saveWeights(dir);
            optimizer.save(stateDir);
        }

        @Override
        public void loadWeights(Path dir) {
            parts.inputs().policy().loadWeights(dir);
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
            AnswerStats.of(e.rollout()).putLengthAndEos(m, "");
            timer.putInto(m);
            return m;
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
