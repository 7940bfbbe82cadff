package org.align4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.nn.Scalars;
import org.align4j.core.precision.Precision;
import org.align4j.core.precision.TrainingPrecision;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.ProgressDisplay;

/**
 * The optimizer loop shared by SFT, the reward model and DPO (and any {@link TrainingTask}), run by a
 * {@link RunSession}. Each optimizer step: reseed the engine with {@code seed + step} (reproducible
 * dropout), collate {@code grad_accum} micro-batches from the seeded {@link DataOrder}, run forward and
 * backward on each in its own {@link NDManager} (gradients accumulate; the summed loss is divided by the
 * step's total weight), check the loss, clip the global gradient norm, take an {@link AdamW} step at the
 * {@link LrSchedule}'s rate and zero the gradients. Evaluation feeds early stopping (on {@code eval_loss},
 * saving {@code best/}). The session does the rest: logging, checkpoints, resume and Ctrl-C.
 *
 * @param cfg the run's training settings
 * @param task what is trained: its data, parameters, loss and evaluation
 * @param configYaml the resolved run configuration, saved as {@code run_config.yaml} beside checkpoints
 * @param signal stop requests (install its shutdown hook for Ctrl-C)
 * @param out where progress and messages go
 */
public record TrainingLoop(TrainConfig cfg, TrainingTask task, String configYaml, StopSignal signal, PrintStream out) {
    /** Trains to the end (or to a stop request, or early stopping) and returns how it went. */
    public TrainingResult run() {
        int total = cfg.totalSteps(task.trainSize());
        Precision precision = precision();
        try (TrainingPrecision opt = TrainingPrecision.create(precision, task.trainableParameters(),
                task.computeWeights(), cfg.adamHyper())) {
            if (precision != Precision.FP32) {
                out.printf("precision %s: %s weights and activations, float32 master weights, optimizer state and "
                        + "losses, loss scale %.0f%n", precision.configName(), precision.dataType(), opt.lossScale());
            }
            Stage stage = new Stage(opt, total);
            RunSession.Outcome o = new RunSession(cfg, total, cfg.evalEvery(), configYaml, signal, out).run(stage);
            return new TrainingResult(o.state().step(), total, o.interrupted(), o.stoppedEarly(), stage.firstEval,
                    stage.lastEval, stage.early.best(), stage.lastLoss, o.finalDir(), o.lastCheckpoint(), o.seconds(),
                    stage.sessionTokens, PeakMemory.residentPeakBytes(), stage.memory.gpuPeakBytes(),
                    stage.kl.warning("step"));
        }
    }

    /** The configured precision on the engine's device; auto is fp32 for a stage that cannot train in fp16. */
    private Precision precision() {
        Precision p = cfg.precisionOn(Engine.getInstance().defaultDevice());
        if (p != Precision.FP32 && task.computeWeights().isEmpty()) {
            if (cfg.precision().equals("auto")) {
                return Precision.FP32;
            }
            throw new IllegalArgumentException("train.precision: " + cfg.precision() + " is not supported by this stage"
                    + " (it trains in fp32 only); use fp32 or auto");
        }
        return p;
    }

    /** The task's optimizer steps as a {@link RunStage}. */
    private final class Stage implements RunStage {
        private final TrainingPrecision opt;
        private final LrSchedule schedule;
        private final DataOrder order;
        private final PeakMemory memory = new PeakMemory(Engine.getInstance().defaultDevice());
        private EarlyStopping early;
        private final KlBudgetGuard kl = new KlBudgetGuard(task.klBudget());
        private Double firstEval;
        private Double lastEval;
        private double lastLoss = Double.NaN;
        private long sessionTokens;

        private ProgressDisplay progress;

        Stage(TrainingPrecision opt, int total) {
            this.opt = opt;
            this.schedule = cfg.schedule(total);
            this.order = new DataOrder(task.trainSize(), cfg.batchSize(), cfg.seed(), true);
            this.early = new EarlyStopping(cfg.earlyStoppingPatience(), null, 0);
        }

        @Override
        public void start(RunContext context) {
            progress = context.progress();
            kl.start(context.root());
        }

        @Override
        public void restore(Path checkpoint, TrainingState state) {
            opt.withMasterWeightsUnchecked(() -> task.loadWeights(checkpoint));
            if (!opt.load(checkpoint.resolve(Checkpoints.STATE_DIR))) {
                out.printf("%s has no loss-scaler state (an fp32 run): the loss scale starts at %.0f%n", checkpoint,
                        opt.lossScale());
            }
            early = new EarlyStopping(cfg.earlyStoppingPatience(), state.bestEvalLoss(),
                    state.evalsWithoutImprovement());
        }

        @Override
        public Step step(TrainingState state) {
            long t0 = System.nanoTime();
            long s = state.step();
            Engine.getInstance().setRandomSeed((int) (cfg.seed() + s));
            List<MicroBatch> batches = new ArrayList<>(cfg.gradAccum());
            double weight = 0;
            long tokens = 0;
            for (int i = 0; i < cfg.gradAccum(); i++) {
                MicroBatch b = task.collate(order.batch(state.microBatches() + i));
                batches.add(b);
                weight += b.weight();
                tokens += b.tokens();
            }
            float norm = (float) Math.max(weight, 1e-12); // a step without loss units gives zero gradients
            task.setTraining(true);
            double loss = 0;
            double lossScale = opt.lossScale();
            Map<String, Double> extra = new LinkedHashMap<>();
            for (MicroBatch b : batches) {
                try (NDManager m = NDManager.newBaseManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    LossOutput lo = task.loss(m, b);
                    // fp16: the loss scale keeps small gradients above fp16's smallest values
                    NDArray scaled = lossScale == 1.0 ? Scalars.div(lo.lossSum(), norm)
                            : Scalars.mul(lo.lossSum(), (float) (lossScale / norm));
                    gc.backward(scaled);
                    loss += lo.lossSum().toType(DataType.FLOAT64, false).getDouble();
                    lo.metricSums().forEach((k, v) -> extra.merge(k, v, Double::sum));
                }
            }
            loss /= norm;
            if (!Double.isFinite(loss) && opt.precision() == Precision.FP32) {
                opt.zeroGrad();
                throw new NonFiniteTrainingException(s + 1, "the loss");
            }
            // fp16: a non-finite loss overflows the gradients too, and the loss scaler skips the step
            TrainingPrecision.StepOutcome outcome = opt.step(schedule.at(s), cfg.maxGradNorm(), s + 1);
            if (outcome.skipped()) {
                progress.message(String.format("step %d: fp16 gradients overflowed; update skipped, loss scale %.0f → %.0f",
                        s + 1, lossScale, outcome.lossScale()));
            }
            double gradNorm = outcome.skipped() ? 0.0 : outcome.gradNorm();
            memory.sample();
            long mb = state.microBatches() + cfg.gradAccum();
            double elapsed = state.elapsedSeconds() + (System.nanoTime() - t0) / 1e9;
            TrainingState next = new TrainingState(s + 1, mb, order.epochOf(mb), state.seed(), state.totalSteps(),
                    early.best(), early.evalsWithoutImprovement(), state.tokens() + tokens, elapsed);
            lastLoss = loss;
            sessionTokens += tokens;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss);
            m.put("grad_norm", gradNorm);
            m.put(TOKENS, (double) tokens);
            double w = norm;
            extra.forEach((k, v) -> m.put(k, v / w));
            return new Step(next, m);
        }

        @Override
        public Map<String, Double> logLine(Map<String, Double> means, LogWindow window) {
            Map<String, Double> line = new LinkedHashMap<>();
            line.put("loss", means.get("loss"));
            line.put("lr", schedule.at(window.lastStep() - 1));
            line.put("grad_norm", means.get("grad_norm"));
            line.put("tokens_per_s", means.get(TOKENS) * window.steps() / window.seconds());
            line.put("epoch", (double) window.lastStep() * cfg.gradAccum() / order.batchesPerEpoch());
            if (opt.precision() != Precision.FP32) {
                line.put("loss_scale", opt.lossScale());
                line.put("skipped_steps", (double) opt.skippedSteps());
            }
            if (memory.gpuPeakBytes() >= 0) {
                line.put("gpu_peak_gib", memory.gpuPeakBytes() / (double) (1L << 30));
            }
            means.forEach((k, v) -> {
                if (!line.containsKey(k) && !k.equals(TOKENS)) {
                    line.put(k, v);
                }
            });
            return line;
        }

        @Override
        public boolean hasEvaluation() {
            return task.hasEvaluation();
        }

        @Override
        public Evaluation evaluate(TrainingState state) {
            task.setTraining(false);
            Map<String, Double> m = new LinkedHashMap<>(task.evaluate());
            Double loss = m.get("eval_loss");
            if (loss == null) {
                throw new IllegalStateException("evaluation returned no eval_loss: " + m.keySet());
            }
            if (firstEval == null) {
                firstEval = loss;
            }
            lastEval = loss;
            boolean within = kl.judge(m, state.step());
            if (state.step() == 0) {
                return Evaluation.of(m, state);
            }
            boolean best;
            if (within) {
                best = early.update(loss);
            } else {
                early.reject(); // over the KL budget: never the best, whatever its loss
                best = false;
            }
            TrainingState next = new TrainingState(state.step(), state.microBatches(), state.epoch(), state.seed(),
                    state.totalSteps(), early.best(), early.evalsWithoutImprovement(), state.tokens(),
                    state.elapsedSeconds());
            if (best && (cfg.earlyStoppingPatience() > 0 || kl.budget().stop())) {
                kl.keepBest(state.step(), d -> opt.withMasterWeights(() -> task.saveFinal(d)));
            }
            if (kl.stops(within)) {
                return new Evaluation(m, next, true, kl.stop("step", state.step(), m.get(KlBudget.METRIC),
                        d -> opt.withMasterWeightsUnchecked(() -> task.loadWeights(d))));
            }
            boolean stop = early.shouldStop();
            return new Evaluation(m, next, stop, stop ? String.format("early stopping at step %d: eval_loss has not"
                    + " improved on %.4f for %d evaluations", state.step(), early.best(),
                    early.evalsWithoutImprovement()) : null);
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            opt.withMasterWeights(() -> task.saveWeights(dir));
            opt.save(stateDir);
        }

        @Override
        public void saveFinal(Path dir) throws IOException {
            opt.withMasterWeights(() -> task.saveFinal(dir));
        }
    }

    /** The step's token count, turned into {@code tokens_per_s} in the log line. */
    private static final String TOKENS = "_tokens";
}
