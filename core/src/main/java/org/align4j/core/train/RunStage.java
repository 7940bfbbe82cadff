package org.align4j.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a training stage gives {@link RunSession}: its step, its evaluation and its save. The session owns
 * the rest — the run directory, resume with the seed check, {@code metrics.jsonl}, TensorBoard and the
 * progress display, the log/eval/save cadence, the Ctrl-C checkpoint, the final directory and pruning.
 * SFT, the reward model and DPO reach it through {@link TrainingLoop}; PPO and GRPO implement it directly.
 */
public interface RunStage {
    /**
     * Called once before the first step with the session's context: open extra logs
     * ({@link RunContext#openLog}) and print messages here.
     */
    default void start(RunContext context) {}

    /**
     * Restores everything {@link #saveCheckpoint} wrote (weights, optimizer states, the stage's own state)
     * from {@code checkpoint}; {@code state} is the run's state read from it (its seed already checked).
     */
    void restore(Path checkpoint, TrainingState state);

    /** Appended to "resuming from DIR (step N of T" after a restore, e.g. ", kl_coef 0.12"; empty by default. */
    default String resumeNote() {
        return "";
    }

    /**
     * Runs the step after {@code state} (optimizer step, or PPO/GRPO iteration) and returns the state after
     * it with the step's metrics, which the session averages over the steps of a log line.
     */
    Step step(TrainingState state);

    /** Whether {@link #evaluate} has data to evaluate. */
    boolean hasEvaluation();

    /** Evaluates at {@code state} (keys {@code eval_...}); called only when {@link #hasEvaluation}. */
    Evaluation evaluate(TrainingState state);

    /** Writes the stage's part of a checkpoint: weights into {@code dir}, optimizer and own state into {@code stateDir}. */
    void saveCheckpoint(Path dir, Path stateDir) throws IOException;

    /** Writes the finished model, ready to use. */
    void saveFinal(Path dir) throws IOException;

    /**
     * The log line from the mean of each metric over the steps since the last line; by default the means
     * as they are. {@link TrainingLoop} adds the learning rate, throughput and epoch here.
     */
    default Map<String, Double> logLine(Map<String, Double> means, LogWindow window) {
        return means;
    }

    /** The part of a log line the progress display shows; the whole line by default. */
    default Map<String, Double> shown(Map<String, Double> line) {
        return line;
    }

    /** The word for a step in messages ("step", or "iteration" for PPO). */
    default String unit() {
        return "step";
    }

    /**
     * One step's outcome.
     *
     * @param state the run's state after the step
     * @param metrics the step's metrics (averaged into the next log line)
     */
    record Step(TrainingState state, Map<String, Double> metrics) {}

    /**
     * One evaluation's outcome.
     *
     * @param metrics the measures, keys starting with {@code eval_}
     * @param state the run's state after it (early stopping keeps its counters there)
     * @param stopEarly true to end the run here: a checkpoint and the final directory are written
     * @param stopMessage what is printed when stopping early, or null
     */
    record Evaluation(Map<String, Double> metrics, TrainingState state, boolean stopEarly, String stopMessage) {
        /** An evaluation that does not stop the run and leaves the state as it was. */
        public static Evaluation of(Map<String, Double> metrics, TrainingState state) {
            return new Evaluation(metrics, state, false, null);
        }
    }

    /**
     * The steps a log line covers.
     *
     * @param steps how many steps
     * @param seconds the wall time of those steps, evaluation excluded
     * @param lastStep the last of them (1-based)
     */
    record LogWindow(int steps, double seconds, long lastStep) {}
}
