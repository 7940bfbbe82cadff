package org.align4j.ppo.train;

import java.nio.file.Path;
import org.align4j.core.train.RunDirectory;

/** What every RL run (PPO, GRPO, RLOO) reports when it ends; {@link PpoResult} and the GRPO result add their own. */
public interface RlRunResult {
    /** The run directory ({@code train.output_dir}): metrics, samples, checkpoints, {@code final/}. */
    Path runDir();

    /** Iterations completed (resumed ones included). */
    long iterations();

    /**
     * The iteration whose weights {@code final/} holds: {@link #iterations}, or on a stop at the KL budget the latest
     * evaluation within it.
     */
    long finalIteration();

    /** Stopped on request before the end (a checkpoint was saved). */
    boolean interrupted();

    /** The trained policy, or null when interrupted. */
    Path finalDir();

    /** Time spent sampling in this session. */
    double generationSeconds();

    /** Time spent scoring: reward functions or model, and the rollout's forward passes. */
    double scoringSeconds();

    /** Time spent in the updates. */
    double trainingSeconds();

    /** The run summary's warning when the held-out KL passed {@code eval.kl_budget}, or null. */
    String klBudgetWarning();

    /** {@code metrics.jsonl} in the run directory: one line per logged iteration and per evaluation. */
    default Path metricsFile() {
        return runDir().resolve(RunDirectory.METRICS_FILE);
    }

    /** The run's metrics, read back from {@link #metricsFile()} (resumed sessions included). */
    default PpoMetrics metrics() {
        return PpoMetrics.read(metricsFile());
    }
}
