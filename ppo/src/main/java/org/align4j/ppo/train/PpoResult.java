package org.align4j.ppo.train;

import java.nio.file.Path;

/**
 * How a PPO run went.
 *
 * @param runDir the run directory ({@code train.output_dir}): metrics, samples, checkpoints, {@code final/}
 * @param iterations iterations completed (resumed ones included)
 * @param finalIteration the iteration whose weights {@code final/} holds: {@code iterations}, or on a stop at the KL
 *     budget the latest evaluation within it
 * @param totalIterations iterations planned
 * @param interrupted stopped on request before the end (a checkpoint was saved)
 * @param firstEvalReward the held-out mean reward before training, or null
 * @param lastEvalReward the latest held-out mean reward, or null
 * @param lastEvalKl the latest held-out mean KL per answer, or null
 * @param lastKl the last rollout's mean KL per answer (the logged, penalised quantity)
 * @param klCoef β after the last iteration
 * @param finalDir the trained policy, or null when interrupted
 * @param lastCheckpoint the latest checkpoint written, or null
 * @param generationSeconds time spent sampling in this session
 * @param scoringSeconds time spent in the reward model and the rollout's forward passes
 * @param trainingSeconds time spent in the minibatch updates
 * @param klBudgetWarning the run summary's warning when the held-out KL passed {@code eval.kl_budget}, or null
 */
public record PpoResult(Path runDir, long iterations, long finalIteration, long totalIterations, boolean interrupted, Double firstEvalReward,
        Double lastEvalReward, Double lastEvalKl, double lastKl, double klCoef, Path finalDir, Path lastCheckpoint,
        double generationSeconds, double scoringSeconds, double trainingSeconds, String klBudgetWarning)
        implements RlRunResult {
}
