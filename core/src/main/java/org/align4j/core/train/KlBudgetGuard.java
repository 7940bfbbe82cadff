package org.align4j.core.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.align4j.core.io.AtomicDirectory;

/**
 * A run's {@link KlBudget} applied to its evaluations, the one rule {@link TrainingLoop} (SFT, reward model, DPO)
 * and the RL loop (PPO, GRPO, RLOO) share: each evaluation's {@link KlBudget#METRIC} is judged (adding
 * {@link KlBudget#USED}), the weights of the run's best evaluation are kept in {@code best/} of the run
 * directory, and with {@code stop_on_kl_budget} the first evaluation over the budget ends the run with those
 * weights loaded back. Which evaluation is "best" is the loop's call: the lowest {@code eval_loss} within the
 * budget for the optimizer loop, the latest within the budget for RL.
 *
 * <p>{@code best/} and the step it holds are this session's: a resumed run keeps the best of its own evaluations.
 */
public final class KlBudgetGuard {
    private final KlBudget.Watch watch;
    private Path bestDir;
    private Long bestStep;

    public KlBudgetGuard(KlBudget budget) {
        this.watch = new KlBudget.Watch(budget);
    }

    /** Called at the run's start: where {@code best/} goes. */
    public void start(Path runRoot) {
        bestDir = runRoot.resolve(RunDirectory.BEST_DIR);
    }

    public KlBudget budget() {
        return watch.budget();
    }

    /**
     * Judges an evaluation's {@link KlBudget#METRIC} by the budget, adding {@link KlBudget#USED} to
     * {@code metrics}; true without a budget or without a measured KL.
     *
     * @throws IllegalArgumentException when the measured KL is NaN
     */
    public boolean judge(Map<String, Double> metrics, long step) {
        Double measured = metrics.get(KlBudget.METRIC);
        if (measured == null || !watch.budget().isSet()) {
            return true;
        }
        metrics.put(KlBudget.USED, measured / watch.budget().nats());
        return watch.observe(step, measured);
    }

    /** Whether the run ends at an evaluation {@link #judge judged} {@code within} or not. */
    public boolean stops(boolean within) {
        return !within && watch.budget().stop();
    }

    /** Writes {@code step}'s weights (through {@code save}) as the run's best, replacing the last ones atomically. */
    public void keepBest(long step, AtomicDirectory.Writer save) {
        AtomicDirectory.write(bestDir, save);
        bestStep = step;
    }

    /** The step whose weights {@code best/} holds, or null before the first {@link #keepBest}. */
    public Long bestStep() {
        return bestStep;
    }

    /**
     * Ends the run at {@code step}, an evaluation over the budget: loads the best weights (when this session kept
     * any) through {@code load}, so that the checkpoint and final directory written on this stop hold them, and
     * returns the message to print.
     *
     * @param unit the word for a step ("step", "iteration")
     */
    public String stop(String unit, long step, double kl, Consumer<Path> load) {
        if (bestStep != null) {
            load.accept(bestDir);
        }
        return watch.stopMessage(unit, step, kl, bestStep);
    }

    /** The run summary's warning when an evaluation passed the budget, else null. */
    public String warning(String unit) {
        return watch.warning(unit);
    }
}
