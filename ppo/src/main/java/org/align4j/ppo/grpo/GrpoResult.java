package org.align4j.ppo.grpo;

import java.nio.file.Path;
import org.align4j.ppo.train.RlRunResult;

/**
 * How a GRPO/RLOO run went.
 *
 * @param runDir {@code train.output_dir}: metrics, samples, checkpoints, {@code final/}
 * @param iterations iterations completed (resumed ones included)
 * @param finalIteration the iteration whose weights {@code final/} holds: {@code iterations}, or on a stop at the KL
 *     budget the latest evaluation within it
 * @param totalIterations iterations planned
 * @param interrupted stopped on request before the end (a checkpoint was saved)
 * @param finalDir the trained policy, or null when interrupted
 * @param lastCheckpoint the latest checkpoint written, or null
 * @param generationSeconds time spent sampling in this session
 * @param scoringSeconds time in the reward functions and the rollout's log-prob passes
 * @param trainingSeconds time in the updates
 * @param klBudgetWarning the run summary's warning when the held-out KL passed {@code eval.kl_budget}, or null
 */
public record GrpoResult(Path runDir, long iterations, long finalIteration, long totalIterations, boolean interrupted, Path finalDir,
        Path lastCheckpoint, double generationSeconds, double scoringSeconds, double trainingSeconds,
        String klBudgetWarning) implements RlRunResult {
}
