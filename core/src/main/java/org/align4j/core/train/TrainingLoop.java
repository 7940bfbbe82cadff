package org.align4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.align4j.core.io.AtomicDirectory;
import org.align4j.core.precision.Precision;
import org.align4j.core.precision.TrainingPrecision;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;
import org.align4j.core.train.metrics.TensorBoardWriter;

/**
 * The training loop shared by SFT, the reward model and DPO. Each optimizer step: reseed the engine
 * with {@code seed + step} (reproducible dropout), collate {@code grad_accum} micro-batches from the
 * seeded {@link DataOrder}, run forward and backward on each in its own {@link NDManager} (gradients
 * accumulate; the summed loss is divided by the step's total weight), check the loss, clip the global
 * gradient norm, take an {@link AdamW} step at the {@link LrSchedule}'s rate and zero the gradients.
 * Around it: logging ({@code metrics.jsonl}, TensorBoard, progress), evaluation with early
 * stopping, atomic checkpoints with everything needed to resume exactly, and a stop request
 * (Ctrl-C) honoured at the next step boundary after saving.
 */
public final class TrainingLoop {
    private final TrainConfig cfg;
    private final TrainingTask task;
    private final String configYaml;
    private final StopSignal signal;
    private final PrintStream out;

    /**
     * @param configYaml the resolved run configuration, saved as {@code run_config.yaml} beside checkpoints
     * @param signal stop requests (install its shutdown hook for Ctrl-C)
     * @param out where progress and messages go
     */
    public TrainingLoop(TrainConfig cfg, TrainingTask task, String configYaml, StopSignal signal, PrintStream out) {
        this.cfg = cfg;
        this.task = task;
        this.configYaml = configYaml;
        this.signal = signal;
        this.out = out;
    }

    /** Trains to the end (or to a stop request, or early stopping) and returns how it went. */
    public TrainingResult run() {
        RunDirectory run = new RunDirectory(Path.of(cfg.outputDir()));
        Optional<Path> resumeFrom = run.prepare(cfg.resume(), cfg.overwriteOutputDir(), configYaml);
        int total = cfg.totalSteps(task.trainSize());
        LrSchedule schedule = cfg.schedule(total);
        DataOrder order = new DataOrder(task.trainSize(), cfg.batchSize(), cfg.seed(), true);
        long nanos0 = System.nanoTime();
        signal.started();
        Precision precision = precision();
        try (TrainingPrecision opt = TrainingPrecision.create(precision, task.trainableParameters(),
                task.computeWeights(), cfg.adamHyper())) {
            if (precision != Precision.FP32) {
                out.printf("precision %s: %s weights and activations, float32 master weights, optimizer state and "
                        + "losses, loss scale %.0f%n", precision.configName(), precision.dataType(), opt.lossScale());
            }
            TrainingState state = TrainingState.initial(cfg.seed(), total);
            if (resumeFrom.isPresent()) {
                Path ckpt = resumeFrom.get();
                opt.withMasterWeightsUnchecked(() -> task.loadWeights(ckpt));
                if (!opt.load(ckpt.resolve(Checkpoints.STATE_DIR))) {
                    out.printf("%s has no loss-scaler state (an fp32 run): the loss scale starts at %.0f%n", ckpt,
                            opt.lossScale());
                }
                state = TrainingState.read(ckpt.resolve(Checkpoints.STATE_DIR));
                if (state.seed() != cfg.seed()) {
                    throw new IllegalArgumentException("train.seed: " + cfg.seed() + " differs from the seed " + state.seed()
                            + " of the run in " + ckpt + "; resume with the same seed");
                }
                out.printf("resuming from %s (step %d of %d)%n", ckpt, state.step(), total);
            }
            try (MetricsJsonl metrics = MetricsJsonl.open(run.root().resolve(RunDirectory.METRICS_FILE),
                            resumeFrom.isPresent() ? state.step() : -1);
                    TensorBoardWriter tb = TensorBoardWriter.create(run.root().resolve(RunDirectory.TENSORBOARD_DIR));
                    ProgressDisplay progress = ProgressDisplay.create(run.root().getFileName().toString(),
                            state.step(), total, out)) {
                if (resumeFrom.isPresent()) {
                    tb.sessionStart(state.step() + 1);
                }
                return new Session(run, opt, schedule, order, state, total, metrics, tb, progress, nanos0).train(
                        resumeFrom.isEmpty());
            }
        } finally {
            signal.finished();
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

    /** The mutable part of one training session. */
    private final class Session {
        private final RunDirectory run;
        private final TrainingPrecision opt;
        private final LrSchedule schedule;
        private final DataOrder order;
        private final int total;
        private final MetricsJsonl metrics;
        private final TensorBoardWriter tb;
        private final ProgressDisplay progress;
        private final long nanos0;
        private final EarlyStopping early;
        private final PeakMemory memory = new PeakMemory(Engine.getInstance().defaultDevice());
        private TrainingState state;
        private Double firstEval;
        private Double lastEval;
        private double lastLoss = Double.NaN;
        private Path lastCheckpoint;
        private long sessionTokens;
        // sums since the last log line
        private double logLoss;
        private double logNorm;
        private int logSteps;
        private long logTokens;
        private long logStart = System.nanoTime();
        private final Map<String, Double> logExtra = new LinkedHashMap<>();

        Session(RunDirectory run, TrainingPrecision opt, LrSchedule schedule, DataOrder order, TrainingState state, int total,
                MetricsJsonl metrics, TensorBoardWriter tb, ProgressDisplay progress, long nanos0) {
            this.run = run;
            this.opt = opt;
            this.schedule = schedule;
            this.order = order;
            this.state = state;
            this.total = total;
            this.metrics = metrics;
            this.tb = tb;
            this.progress = progress;
            this.nanos0 = nanos0;
            this.early = new EarlyStopping(cfg.earlyStoppingPatience(), state.bestEvalLoss(),
                    state.evalsWithoutImprovement());
        }

        TrainingResult train(boolean fresh) {
            if (fresh && task.hasEvaluation()) {
                evaluate(); // the curve's starting point, at step 0
            }
            boolean interrupted = false;
            boolean stoppedEarly = false;
            while (state.step() < total) {
                if (signal.stopRequested()) {
                    interrupted = true;
                    break;
                }
                step();
                long s = state.step();
                boolean last = s == total;
                if (s % cfg.logEvery() == 0 || last) {
                    log();
                }
                if (task.hasEvaluation() && ((cfg.evalEvery() > 0 && s % cfg.evalEvery() == 0) || last)) {
                    stoppedEarly = evaluate();
                }
                if ((cfg.saveEvery() > 0 && s % cfg.saveEvery() == 0) || last || stoppedEarly) {
                    checkpoint();
                }
                if (stoppedEarly) {
                    progress.message(String.format("early stopping at step %d: eval_loss has not improved on %.4f for %d"
                            + " evaluations", s, early.best(), early.evalsWithoutImprovement()));
                    break;
                }
            }
            if (interrupted && (lastCheckpoint == null || Checkpoints.stepOf(lastCheckpoint) != state.step())) {
                checkpoint();
                progress.message("stopped at step " + state.step() + "; resume with --resume");
            }
            Path finalDir = null;
            if (!interrupted) {
                finalDir = run.root().resolve(RunDirectory.FINAL_DIR);
                AtomicDirectory.write(finalDir, d -> opt.withMasterWeights(() -> task.saveFinal(d)));
            }
            double seconds = (System.nanoTime() - nanos0) / 1e9;
            return new TrainingResult(state.step(), total, interrupted, stoppedEarly, firstEval, lastEval, early.best(),
                    lastLoss, finalDir, lastCheckpoint, seconds, sessionTokens, PeakMemory.residentPeakBytes(),
                    memory.gpuPeakBytes());
        }

        private void step() {
            long t0 = System.nanoTime();
            long s = state.step();
            Engine.getInstance().setRandomSeed((int) (cfg.seed() + s));
            List<MicroBatch> batches = new java.util.ArrayList<>(cfg.gradAccum());
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
                    NDArray scaled = lossScale == 1.0 ? lo.lossSum().div(norm) : lo.lossSum().mul((float) (lossScale / norm));
                    gc.backward(scaled);
                    loss += lo.lossSum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
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
            state = new TrainingState(s + 1, mb, order.epochOf(mb), state.seed(), total, early.best(),
                    early.evalsWithoutImprovement(), state.tokens() + tokens, elapsed);
            lastLoss = loss;
            sessionTokens += tokens;
            logLoss += loss;
            logNorm += gradNorm;
            logSteps++;
            logTokens += tokens;
            double w = norm;
            extra.forEach((k, v) -> logExtra.merge(k, v / w, Double::sum));
            progress.step(state.step());
        }

        private void log() {
            double secs = Math.max(1e-9, (System.nanoTime() - logStart) / 1e9);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", logLoss / logSteps);
            m.put("lr", schedule.at(state.step() - 1));
            m.put("grad_norm", logNorm / logSteps);
            m.put("tokens_per_s", logTokens / secs);
            m.put("epoch", (double) state.microBatches() / order.batchesPerEpoch());
            if (opt.precision() != Precision.FP32) {
                m.put("loss_scale", opt.lossScale());
                m.put("skipped_steps", (double) opt.skippedSteps());
            }
            if (memory.gpuPeakBytes() >= 0) {
                m.put("gpu_peak_gib", memory.gpuPeakBytes() / (double) (1L << 30));
            }
            int n = logSteps;
            logExtra.forEach((k, v) -> m.put(k, v / n));
            emit(m);
            progress.log(state.step(), m);
            logLoss = 0;
            logNorm = 0;
            logSteps = 0;
            logTokens = 0;
            logExtra.clear();
            logStart = System.nanoTime();
        }

        /** Evaluates, logs, updates early stopping; true when training should stop early. */
        private boolean evaluate() {
            task.setTraining(false);
            Map<String, Double> m = task.evaluate();
            emit(m);
            progress.message("step " + state.step() + " eval: " + ProgressDisplay.format(m));
            Double loss = m.get("eval_loss");
            if (loss == null) {
                throw new IllegalStateException("evaluation returned no eval_loss: " + m.keySet());
            }
            if (firstEval == null) {
                firstEval = loss;
            }
            lastEval = loss;
            if (state.step() == 0) {
                logStart = System.nanoTime();
                return false;
            }
            boolean best = early.update(loss);
            state = new TrainingState(state.step(), state.microBatches(), state.epoch(), state.seed(), total,
                    early.best(), early.evalsWithoutImprovement(), state.tokens(), state.elapsedSeconds());
            if (best && cfg.earlyStoppingPatience() > 0) {
                AtomicDirectory.write(run.root().resolve(RunDirectory.BEST_DIR),
                        d -> opt.withMasterWeights(() -> task.saveFinal(d)));
            }
            logStart = System.nanoTime(); // evaluation time is not training throughput
            return early.shouldStop();
        }

        private void emit(Map<String, Double> m) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", state.step());
            line.putAll(m);
            metrics.write(line);
            m.forEach((k, v) -> tb.scalar((k.startsWith("eval_") ? "eval/" + k.substring(5) : "train/" + k),
                    state.step(), v));
            tb.flush();
        }

        private void checkpoint() {
            Path dir = Checkpoints.dir(run.root(), state.step());
            TrainingState snapshot = state;
            AtomicDirectory.write(dir, d -> {
                opt.withMasterWeights(() -> task.saveWeights(d));
                Files.writeString(d.resolve(RunDirectory.CONFIG_FILE), configYaml);
                Path ts = Files.createDirectories(d.resolve(Checkpoints.STATE_DIR));
                opt.save(ts);
                snapshot.write(ts);
            });
            lastCheckpoint = dir;
            Checkpoints.prune(run.root(), cfg.saveTotalLimit());
            progress.message("saved " + dir);
        }
    }
}
