package org.align4j.ppo.math;

/**
 * The KL coefficient β of the per-token penalty. Adaptive (Ziegler et al. 2019, eq. 2):
 * {@code e = clip(KL/target − 1, −0.2, 0.2)}, {@code β ← β(1 + e·n/horizon)} after each rollout of n
 * samples; fixed otherwise. Its state (β) is saved with checkpoints.
 */
public final class KlController {
    private double beta;
    private final Double target;
    private final double horizon;

    private KlController(double beta, Double target, double horizon) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("kl coefficient must be a finite number >= 0, got " + beta);
        }
        if (target != null && !(target > 0)) {
            throw new IllegalArgumentException("target_kl must be > 0, got " + target);
        }
        if (target != null && !(horizon > 0)) {
            throw new IllegalArgumentException("kl horizon must be > 0, got " + horizon);
        }
        this.beta = beta;
        this.target = target;
        this.horizon = horizon;
    }

    public static KlController fixed(double beta) {
        return new KlController(beta, null, 1);
    }

    public static KlController adaptive(double initialBeta, double targetKl, double horizon) {
        return new KlController(initialBeta, targetKl, horizon);
    }

    public double beta() {
        return beta;
    }

    public boolean isAdaptive() {
        return target != null;
    }

    /** Restores β from a checkpoint. */
    public void restore(double savedBeta) {
        this.beta = savedBeta;
    }

    /** Updates β after a rollout whose mean KL (per sequence) was {@code kl}, over {@code nSteps} samples. */
    public void update(double kl, int nSteps) {
        if (target == null) {
            return;
        }
        double error = Math.max(-0.2, Math.min(0.2, kl / target - 1));
        beta *= 1 + error * nSteps / horizon;
    }
}
