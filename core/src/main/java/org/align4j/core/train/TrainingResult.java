package org.align4j.core.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param steps optimizer steps completed (in all sessions)
 * @param totalSteps steps planned
 * @param interrupted stopped by a stop request (Ctrl-C) after saving a checkpoint
 * @param stoppedEarly stopped by early stopping
 * @param firstEvalLoss the first evaluation loss of this run (step 0 for a fresh run), or null
 * @param lastEvalLoss the last evaluation loss, or null
 * @param bestEvalLoss the best evaluation loss, or null
 * @param lastTrainLoss the loss of the last step
 * @param finalDir the final model directory, or null when interrupted
 * @param lastCheckpoint the last checkpoint written, or null
 * @param seconds training time of this session
 * @param tokens tokens processed in this session
 * @param peakResidentBytes the process's peak resident memory (VmHWM), -1 if unknown
 * @param peakGpuBytes the largest GPU memory use sampled, -1 on CPU
 * @param klBudgetWarning the run summary's warning when the KL to the reference passed its {@link KlBudget}, or null
 */
public record TrainingResult(
        long steps,
        long totalSteps,
        boolean interrupted,
        boolean stoppedEarly,
        Double firstEvalLoss,
        Double lastEvalLoss,
        Double bestEvalLoss,
        double lastTrainLoss,
        Path finalDir,
        Path lastCheckpoint,
        double seconds,
        long tokens,
        long peakResidentBytes,
        long peakGpuBytes,
        String klBudgetWarning) {}
