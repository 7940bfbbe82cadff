package org.align4j.ppo.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** The losses and diagnostics of an iteration's optimizer steps, averaged over its minibatches. */
public final class UpdateStats {
    /** One optimizer step's token-weighted means. */
    static final class Step {
        double policyLoss;
        double valueLoss;
        double entropy;
        double clipFraction;
        double approxKl;
        double valueClipFraction;
        double gradNorm;
        double criticGradNorm;
        double lr;
    }

    private final Step sum = new Step();
    private int steps;

    void add(Step s) {
        sum.policyLoss += s.policyLoss;
        sum.valueLoss += s.valueLoss;
        sum.entropy += s.entropy;
        sum.clipFraction += s.clipFraction;
        sum.approxKl += s.approxKl;
        sum.valueClipFraction += s.valueClipFraction;
        sum.gradNorm += s.gradNorm;
        sum.criticGradNorm += s.criticGradNorm;
        sum.lr = s.lr;
        steps++;
    }

    /** Optimizer steps taken. */
    public int steps() {
        return steps;
    }

    /** The means, keyed as logged. */
    public Map<String, Double> metrics() {
        double n = Math.max(1, steps);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("policy_loss", sum.policyLoss / n);
        m.put("value_loss", sum.valueLoss / n);
        m.put("entropy", sum.entropy / n);
        m.put("clip_fraction", sum.clipFraction / n);
        m.put("approx_kl", sum.approxKl / n);
        m.put("value_clip_fraction", sum.valueClipFraction / n);
        m.put("grad_norm", sum.gradNorm / n);
        m.put("critic_grad_norm", sum.criticGradNorm / n);
        m.put("lr", sum.lr);
        return m;
    }
}
