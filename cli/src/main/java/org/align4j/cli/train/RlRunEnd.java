package org.align4j.cli.train;

import java.util.Map;
import org.align4j.ppo.train.PpoMetrics;
import org.align4j.ppo.train.RlRunResult;

/** How {@code align ppo} and {@code align grpo} end: the held-out change, where the time went, where the policy is. */
public final class RlRunEnd {
    private RlRunEnd() {}

    /**
     * Prints the held-out {@code eval_reward} (named {@code what}) and {@code eval_kl} before training and of the
     * final model (followed by {@code note}; nothing when the run did not evaluate both), the time split, the saved
     * policy and the KL budget's warning (each when there is one); returns the exit code: 130 after Ctrl-C, else 0.
     */
    public static int report(RlRunResult r, String what, String note) {
        heldOut(r.metrics(), r.iterations(), r.finalIteration(), what, note);
        System.out.printf("time: generation %.1f s, scoring %.1f s, training %.1f s%n", r.generationSeconds(),
                r.scoringSeconds(), r.trainingSeconds());
        if (r.finalDir() != null) {
            System.out.println("policy saved to " + r.finalDir());
        }
        if (r.klBudgetWarning() != null) {
            System.out.println(r.klBudgetWarning());
        }
        return RunOptions.exitCode(r.interrupted());
    }

    /** {@code finalIteration}: where a run stopped on its KL budget, its latest evaluation within it. */
    private static void heldOut(PpoMetrics metrics, long lastIteration, long finalIteration, String what, String note) {
        Map<String, Double> first = metrics.evaluationAt(0);
        Map<String, Double> last = metrics.evaluationAt(finalIteration);
        if (first == null || last == null || finalIteration == 0) {
            return;
        }
        System.out.printf("held-out %s: %.4f before, %.4f after%s; held-out KL %.4f%s%n", what, first.get("eval_reward"),
                last.get("eval_reward"), finalIteration == lastIteration ? "" : " (iteration " + finalIteration
                        + ", the final model)", last.get("eval_kl"), note);
    }
}
