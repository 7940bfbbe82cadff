package org.align4j.ppo.loop;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.align4j.core.train.DataOrder;
import org.align4j.core.train.KlBudget;
import org.align4j.core.train.KlBudgetGuard;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.RunContext;
import org.align4j.core.train.RunStage;
import org.align4j.core.train.TrainingState;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.RolloutCollector;

/**
 * The iteration loop of every RL trainer (PPO, GRPO, RLOO) as a {@link RunStage}: a "step" of the run session
 * is an iteration. Iteration {@code k}: reseed the engine with {@code seed + k}, take the next
 * {@code promptsPerIteration} prompts of the seeded epoch-wise shuffle, sample and score the answers the
 * algorithm asks for ({@link RolloutCollector}), stop on a NaN/Inf, let the {@link RlAlgorithm} learn from the
 * rollout, and write {@code samples.jsonl} every {@code logSamplesEvery} iterations (and at the first). Every
 * draw of iteration k is a function of (seed, k), which is what makes a resumed run equal an uninterrupted one.
 *
 * <p>Each held-out evaluation's {@code eval_kl} is judged by the run's {@link KlBudget} as DPO's is
 * ({@link KlBudgetGuard}): {@code eval_kl_budget_used} in the metrics, a warning in the run summary once it is
 * passed, and with {@code stop} the run ends at the first evaluation over it, its final model being the latest
 * evaluation within it (KL and reward both grow with the iterations: the latest within the budget is the furthest
 * the run got while staying near the reference).
 */
public final class RlIterations implements RunStage {
    /** Prompt/answer/reward lines, one JSON object a line, in the run directory. */
    public static final String SAMPLES_FILE = "samples.jsonl";

    private final RlAlgorithm algorithm;
    private final RolloutCollector collector;
    private final PromptSet trainPrompts;
    private final Plan plan;
    private final DataOrder order;
    private final PhaseTimer sessionTimer = new PhaseTimer();
    private final KlBudgetGuard kl;
    private Long keptOnStop;
    private MetricsJsonl samples;
    private ProgressDisplay progress;

    /**
     * The loop's numbers.
     *
     * @param seed the run's seed
     * @param iterations the run's iterations
     * @param promptsPerIteration prompts taken from the shuffle each iteration
     * @param logSamplesEvery iterations between sample lines (0: none)
     * @param samplesLogged answers logged each time
     * @param klBudget the budget on the held-out {@code eval_kl}
     */
    public record Plan(long seed, int iterations, int promptsPerIteration, int logSamplesEvery, int samplesLogged,
            KlBudget klBudget) {}

    public RlIterations(RlAlgorithm algorithm, RolloutCollector collector, PromptSet trainPrompts, Plan plan) {
        this.algorithm = algorithm;
        this.collector = collector;
        this.trainPrompts = trainPrompts;
        this.plan = plan;
        this.order = new DataOrder(trainPrompts.size(), 1, plan.seed(), true);
        this.kl = new KlBudgetGuard(plan.klBudget());
    }

    /** Generation, scoring and training time of this session's iterations (evaluation excluded). */
    public PhaseTimer sessionTimer() {
        return sessionTimer;
    }

    /**
     * The iteration whose weights the final model holds: {@code lastIteration}, or where the run stopped on its KL
     * budget, the latest evaluation within it (the stopping iteration itself when none after the start was).
     */
    public long finalIteration(long lastIteration) {
        return keptOnStop == null ? lastIteration : keptOnStop;
    }

    /** The run summary's warning when a held-out evaluation passed the KL budget, else null. */
    public String klBudgetWarning() {
        return kl.warning(unit());
    }

    @Override
    public void start(RunContext context) {
        samples = context.openLog(SAMPLES_FILE);
        progress = context.progress();
        kl.start(context.root());
    }

    @Override
    public void restore(Path checkpoint, TrainingState state) {
        algorithm.restore(checkpoint);
    }

    @Override
    public String resumeNote() {
        return algorithm.resumeNote();
    }

    @Override
    public String unit() {
        return "iteration";
    }

    @Override
    public Step step(TrainingState state) {
        long t0 = System.nanoTime();
        long it = state.step() + 1;
        long seed = plan.seed();
        Engine.getInstance().setRandomSeed((int) (seed + it));
        PhaseTimer timer = new PhaseTimer();
        Rollout r = collector.collect(algorithm.answerPrompts(trainPrompts.iterationBatch(order, it,
                plan.promptsPerIteration())), seed * 0x9E3779B97F4A7C15L + it, timer);
        String bad = r.firstNonFinite();
        if (bad != null) {
            throw new NonFiniteTrainingException(it, bad);
        }
        RlAlgorithm.Learned learned = algorithm.learn(r, it, seed * 0x632BE59BD9B4E019L + it, timer);
        sessionTimer.add(timer);
        long consumed = it * plan.promptsPerIteration();
        long answerTokens = Arrays.stream(r.lengths()).asLongStream().sum();
        TrainingState next = new TrainingState(it, consumed, order.epochOf(consumed), seed, plan.iterations(), null, 0,
                state.tokens() + answerTokens, state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9);
        int every = plan.logSamplesEvery();
        if (every > 0 && (it % every == 0 || it == 1)) {
            writeSamples(r, learned, it);
        }
        return new Step(next, learned.metrics());
    }

    @Override
    public Map<String, Double> shown(Map<String, Double> line) {
        return algorithm.shown(line);
    }

    @Override
    public boolean hasEvaluation() {
        return algorithm.hasEvaluation();
    }

    @Override
    public Evaluation evaluate(TrainingState state) {
        Map<String, Double> m = new LinkedHashMap<>(algorithm.evaluate(state));
        boolean within = kl.judge(m, state.step());
        if (state.step() == 0) {
            return Evaluation.of(m, state);
        }
        if (within && kl.budget().stop()) {
            kl.keepBest(state.step(), algorithm::saveFinal);
        }
        if (kl.stops(within)) {
            keptOnStop = kl.bestStep() == null ? state.step() : kl.bestStep();
            return new Evaluation(m, state, true, kl.stop(unit(), state.step(), m.get(KlBudget.METRIC),
                    algorithm::loadWeights));
        }
        return Evaluation.of(m, state);
    }

    @Override
    public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
        algorithm.saveCheckpoint(dir, stateDir);
    }

    @Override
    public void saveFinal(Path dir) throws IOException {
        algorithm.saveFinal(dir);
    }

    private void writeSamples(Rollout r, RlAlgorithm.Learned learned, long it) {
        for (int i = 0; i < Math.min(plan.samplesLogged(), r.size()); i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", it);
            line.put("prompt", r.prompts().get(i));
            line.put("answer", r.answers().get(i));
            Map<String, Object> own = learned.sampleFields().apply(i);
            line.putAll(own);
            line.put("kl", learned.sequenceKl()[i]);
            line.put("ended_with_eos", r.stopped()[i]);
            samples.write(line);
            StringBuilder head = new StringBuilder("sample (iteration " + it);
            own.forEach((k, v) -> {
                if (v instanceof Number n) {
                    head.append(String.format(Locale.ROOT, ", %s %.3f", k, n.doubleValue()));
                }
            });
            head.append(String.format(Locale.ROOT, ", kl %.3f): ", learned.sequenceKl()[i]));
            progress.message(head + ProgressDisplay.oneLine(r.prompts().get(i)) + "\n  -> "
                    + ProgressDisplay.oneLine(r.answers().get(i)));
        }
    }
}
