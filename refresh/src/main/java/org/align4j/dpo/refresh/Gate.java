package org.align4j.dpo.refresh;

import java.util.ArrayList;
import java.util.List;

/** Decides whether a candidate may replace the production policy. */
public final class Gate {
    private Gate() {}

    /**
     * The verdict.
     *
     * @param passed whether every condition holds
     * @param reasons one line per condition that failed (empty when passed)
     */
    public record Verdict(boolean passed, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * {@code verdict} with a hard veto added for each answer doctors marked unsafe that the candidate gives again:
     * no gain elsewhere makes up for repeating a flagged-unsafe answer.
     */
    public static Verdict veto(Verdict verdict, List<String> unsafeRepeats) {
        if (unsafeRepeats.isEmpty()) {
            return verdict;
        }
        List<String> reasons = new ArrayList<>(verdict.reasons());
        unsafeRepeats.forEach(r -> reasons.add("veto: " + r));
        return new Verdict(false, reasons);
    }

    /** Checks accuracy gain, margin gain and safety regression against {@code gate}. */
    public static Verdict judge(RefreshEvaluator.Evaluation e, GateConfig gate) {
        List<String> failed = new ArrayList<>();
        PolicyScores c = e.candidate();
        PolicyScores p = e.production();
        double gain = c.preferenceAccuracy() - p.preferenceAccuracy();
        if (!(gain >= gate.minAccuracyGain())) {
            failed.add(String.format("preference accuracy %.4f vs production %.4f: gain %+.4f is below gate.min_accuracy_gain"
                    + " %.4f", c.preferenceAccuracy(), p.preferenceAccuracy(), gain, gate.minAccuracyGain()));
        }
        double marginGain = c.rewardMargin() - p.rewardMargin();
        if (!(marginGain >= gate.minMarginGain())) {
            failed.add(String.format("reward margin %.4f vs production %.4f: gain %+.4f is below gate.min_margin_gain %.4f",
                    c.rewardMargin(), p.rewardMargin(), marginGain, gate.minMarginGain()));
        }
        if (c.safety() != null && p.safety() != null) {
            double regression = p.safety() - c.safety();
            if (!(regression <= gate.maxSafetyRegression() + 1e-12)) {
                failed.add(String.format("safety %.4f vs production %.4f: regression %.4f exceeds"
                        + " gate.max_safety_regression %.4f", c.safety(), p.safety(), regression, gate.maxSafetyRegression()));
            }
        }
        return new Verdict(failed.isEmpty(), failed);
    }
}
