package org.align4j.core.train;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.align4j.core.io.AtomicDirectory;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;
import org.align4j.core.train.metrics.TensorBoardWriter;

/**
 * One training run of a {@link RunStage}, the same for every stage: prepares the run directory (refusing to
 * overwrite, or finding the latest checkpoint to resume), resumes with the seed check, opens
 * {@code metrics.jsonl}, TensorBoard and the progress display, runs the steps with the log/eval/save cadence
 * of {@code train.log_every}, the stage's evaluation interval and {@code train.save_every}, honours a stop
 * request (Ctrl-C) at the next step boundary after saving, writes atomic checkpoints (pruned to
 * {@code train.save_total_limit}) and the final directory.
 *
 * <p>The one rule for metric values: a non-finite value (an explained variance of constant returns, say)
 * is left out of {@code metrics.jsonl} (JSON has no NaN) and TensorBoard; keys {@code eval_x} are logged to
 * TensorBoard as {@code eval/x}, every other key {@code k} as {@code train/k}.
 *
 * @param train the run's directory, resume, seed, log/save cadence and checkpoint limit
 * @param total the steps of the whole run
 * @param evalEvery evaluate every this many steps (0: only at the start of a fresh run and at the end)
 * @param configYaml the resolved configuration, saved as {@code run_config.yaml} beside checkpoints
 * @param signal stop requests (install its shutdown hook for Ctrl-C)
 * @param out where progress and messages go
 */
public record RunSession(TrainConfig train, int total, int evalEvery, String configYaml, StopSignal signal,
        PrintStream out) {

    /**
     * How a session ended.
     *
     * @param root the run directory
     * @param state the run's state at the end
     * @param interrupted stopped by a stop request after saving a checkpoint
     * @param stoppedEarly stopped by the stage's evaluation
     * @param finalDir the final model directory, or null when interrupted
     * @param lastCheckpoint the last checkpoint written in this session, or null
     * @param seconds wall time of this session
     */
    public record Outcome(Path root, TrainingState state, boolean interrupted, boolean stoppedEarly, Path finalDir,
            Path lastCheckpoint, double seconds) {}

    /** Runs {@code stage} to the end (or to a stop request, or an early stop). */
    public Outcome run(RunStage stage) {
        long nanos0 = System.nanoTime();
        RunDirectory run = new RunDirectory(Path.of(train.outputDir()));
        Optional<Path> resumeFrom = run.prepare(train.resume(), train.overwriteOutputDir(), configYaml);
        signal.started();
        List<MetricsJsonl> logs = new ArrayList<>();
        try {
            TrainingState state = TrainingState.initial(train.seed(), total);
            if (resumeFrom.isPresent()) {
                Path ckpt = resumeFrom.get();
                state = TrainingState.read(ckpt.resolve(Checkpoints.STATE_DIR));
                if (state.seed() != train.seed()) {
                    throw new IllegalArgumentException("train.seed: " + train.seed() + " differs from the seed "
                            + state.seed() + " of the run in " + ckpt + "; resume with the same seed");
                }
                stage.restore(ckpt, state);
                out.printf("resuming from %s (%s %d of %d%s)%n", ckpt, stage.unit(), state.step(), total,
                        stage.resumeNote());
            }
            long keep = resumeFrom.isPresent() ? state.step() : -1;
            try (MetricsJsonl metrics = MetricsJsonl.open(run.root().resolve(RunDirectory.METRICS_FILE), keep);
                    TensorBoardWriter tb = TensorBoardWriter.create(run.root().resolve(RunDirectory.TENSORBOARD_DIR));
                    ProgressDisplay progress = ProgressDisplay.create(run.root().getFileName().toString(),
                            state.step(), total, out)) {
                if (resumeFrom.isPresent()) {
                    tb.sessionStart(state.step() + 1);
                }
                stage.start(new RunContext(run.root(), keep, progress, name -> {
                    MetricsJsonl log = MetricsJsonl.open(run.root().resolve(name), keep);
                    logs.add(log);
                    return log;
                }));
                return new Loop(stage, run, state, metrics, tb, progress, nanos0).run(resumeFrom.isEmpty());
            }
        } finally {
            logs.forEach(MetricsJsonl::close);
            signal.finished();
        }
    }

    /** Writes {@code m} at {@code step} by the one rule (see the class comment). */
    static void emit(MetricsJsonl metrics, TensorBoardWriter tb, long step, Map<String, Double> m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        m.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                line.put(k, v);
                tb.scalar(tag(k), step, v);
            }
        });
        metrics.write(line);
        tb.flush();
    }

    /** The TensorBoard tag of metric {@code key}: {@code eval/x} for {@code eval_x}, else {@code train/key}. */
    static String tag(String key) {
        return key.startsWith("eval_") ? "eval/" + key.substring(5) : "train/" + key;
    }

    /** The mutable part of one session. */
    private final class Loop {
        private final RunStage stage;
        private final RunDirectory run;
        private final MetricsJsonl metrics;
        private final TensorBoardWriter tb;
        private final ProgressDisplay progress;
        private final long nanos0;
        private TrainingState state;
        private Path lastCheckpoint;
        private final Map<String, Double> logSums = new LinkedHashMap<>();
        private int logSteps;
        private long logNanos;

        Loop(RunStage stage, RunDirectory run, TrainingState state, MetricsJsonl metrics, TensorBoardWriter tb,
                ProgressDisplay progress, long nanos0) {
            this.stage = stage;
            this.run = run;
            this.state = state;
            this.metrics = metrics;
            this.tb = tb;
            this.progress = progress;
            this.nanos0 = nanos0;
        }

        Outcome run(boolean fresh) {
            if (fresh && stage.hasEvaluation()) {
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
                if (s % train.logEvery() == 0 || last) {
                    log();
                }
                if (stage.hasEvaluation() && ((evalEvery > 0 && s % evalEvery == 0) || last)) {
                    stoppedEarly = evaluate();
                }
                if ((train.saveEvery() > 0 && s % train.saveEvery() == 0) || last || stoppedEarly) {
                    checkpoint();
                }
                if (stoppedEarly) {
                    break;
                }
            }
            if (interrupted && (lastCheckpoint == null || Checkpoints.stepOf(lastCheckpoint) != state.step())) {
                checkpoint();
                progress.message("stopped at " + stage.unit() + " " + state.step() + "; resume with --resume");
            }
            Path finalDir = null;
            if (!interrupted) {
                finalDir = run.root().resolve(RunDirectory.FINAL_DIR);
                AtomicDirectory.write(finalDir, stage::saveFinal);
            }
            return new Outcome(run.root(), state, interrupted, stoppedEarly, finalDir, lastCheckpoint,
                    (System.nanoTime() - nanos0) / 1e9);
        }

        private void step() {
            long t0 = System.nanoTime();
            RunStage.Step s = stage.step(state);
            logNanos += System.nanoTime() - t0;
            if (s.state().step() != state.step() + 1) {
                throw new IllegalStateException("the stage advanced from " + stage.unit() + " " + state.step()
                        + " to " + s.state().step() + "; a step advances by one");
            }
            state = s.state();
            s.metrics().forEach((k, v) -> logSums.merge(k, v, Double::sum));
            logSteps++;
            progress.step(state.step());
        }

        private void log() {
            Map<String, Double> means = new LinkedHashMap<>();
            int n = logSteps;
            logSums.forEach((k, v) -> means.put(k, v / n));
            Map<String, Double> line = stage.logLine(means,
                    new RunStage.LogWindow(n, Math.max(1e-9, logNanos / 1e9), state.step()));
            emit(metrics, tb, state.step(), line);
            progress.log(state.step(), stage.shown(line));
            logSums.clear();
            logSteps = 0;
            logNanos = 0;
        }

        /** Evaluates and logs; true when the stage stops the run early. */
        private boolean evaluate() {
            RunStage.Evaluation e = stage.evaluate(state);
            state = e.state();
            emit(metrics, tb, state.step(), e.metrics());
            progress.message(stage.unit() + " " + state.step() + " eval: " + ProgressDisplay.format(e.metrics()));
            if (e.stopEarly() && e.stopMessage() != null) {
                progress.message(e.stopMessage());
            }
            return e.stopEarly();
        }

        private void checkpoint() {
            Path dir = Checkpoints.dir(run.root(), state.step());
            TrainingState snapshot = state;
            AtomicDirectory.write(dir, d -> {
                Path ts = Files.createDirectories(d.resolve(Checkpoints.STATE_DIR));
                stage.saveCheckpoint(d, ts);
                Files.writeString(d.resolve(RunDirectory.CONFIG_FILE), configYaml);
                snapshot.write(ts); // last: its presence marks the checkpoint complete
            });
            lastCheckpoint = dir;
            Checkpoints.prune(run.root(), train.saveTotalLimit());
            progress.message("saved " + dir);
        }
    }
}
