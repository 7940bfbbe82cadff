package org.align4j.cli.train;

import java.nio.file.Path;
import java.util.Map;
import org.align4j.ppo.train.PpoMetrics;

/** How {@code align ppo} and {@code align grpo} end: where the time went, where the policy is, the exit code. */
public final class RlRunEnd {
    private RlRunEnd() {}

    /**
     * Prints the held-out {@code eval_reward} (named {@code what}) and {@code eval_kl} before training and of the
     * final model ({@code finalIteration}: where a run stopped on its KL budget, its latest evaluation within it),
     * followed by {@code note}; nothing when the run did not evaluate both.
     */
    public static void heldOut(PpoMetrics metrics, long lastIteration, long finalIteration, String what, String note) {
        Map<String, Double> first = metrics.evaluationAt(0);
        Map<String, Double> last = metrics.evaluationAt(finalIteration);
        if (first == null || last == null || finalIteration == 0) {
            return;
        }
        System.out.printf("held-out %s: %.4f before, %.4f after%s; held-out KL %.4f%s%n", what, first.get("eval_reward"),
                last.get("eval_reward"), finalIteration == lastIteration ? "" : " (iteration " + finalIteration
                        + ", the final model)", last.get("eval_kl"), note);
    }

    /**
     * Prints the time split, the saved policy (when there is one) and the KL budget's warning (when the held-out
     * KL passed it); 130 after Ctrl-C, else 0.
     */
    public static int report(double generationSeconds, double scoringSeconds, double trainingSeconds, Path finalDir,
            boolean interrupted, String klBudgetWarning) {
        System.out.printf("time: generation %.1f s, scoring %.1f s, training %.1f s%n", generationSeconds,
                scoringSeconds, trainingSeconds);
        if (finalDir != null) {
            System.out.println("policy saved to " + finalDir);
        }
        if (klBudgetWarning != null) {
            System.out.println(klBudgetWarning);
        }
        return RunOptions.exitCode(interrupted);
    }
}
