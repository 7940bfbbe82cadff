package org.align4j.ppo.config;

import org.align4j.core.train.config.Checks;

/**
 * The {@code ppo:} section: the outer loop and the clipped objectives (Schulman et al. 2017; Ziegler et
 * al. 2019). Each iteration samples {@code rollout_batch_size} answers, then takes {@code ppo_epochs}
 * passes over them in shuffled minibatches of {@code minibatch_size} (one optimizer step each), computed in
 * micro-batches of {@code micro_batch_size} whose gradients accumulate.
 *
 * @param iterations rollouts in the run
 * @param rolloutBatchSize prompts (and answers) per iteration
 * @param minibatchSize answers per optimizer step; divides rollout_batch_size
 * @param microBatchSize answers per forward/backward pass; divides minibatch_size
 * @param ppoEpochs passes over each rollout
 * @param gamma the discount γ of GAE
 * @param lam the λ of GAE
 * @param cliprange ε of the clipped surrogate: the probability ratio is clipped to [1−ε, 1+ε]
 * @param cliprangeValue ε_v: new values may move at most this far from the rollout's values
 * @param vfCoef the value loss's weight in the total loss
 * @param entropyCoef a bonus on the policy's entropy (subtracted from the loss); 0 turns it off
 * @param whitenAdvantages whiten advantages over the rollout (zero mean, unit variance)
 * @param criticLr the value head's (and separate critic's) learning rate; null: train.lr
 * @param logSamplesEvery iterations between writing sample prompt/answer/reward triples; 0 turns it off
 * @param samplesLogged how many triples each time
 */
public record PpoHyper(int iterations, int rolloutBatchSize, int minibatchSize, int microBatchSize, int ppoEpochs,
        double gamma, double lam, double cliprange, double cliprangeValue, double vfCoef, double entropyCoef,
        boolean whitenAdvantages, Double criticLr, int logSamplesEvery, int samplesLogged) {
    public PpoHyper {
        Checks.positive("iterations", iterations);
        Checks.positive("rollout_batch_size", rolloutBatchSize);
        Checks.positive("minibatch_size", minibatchSize);
        Checks.positive("micro_batch_size", microBatchSize);
        if (rolloutBatchSize % minibatchSize != 0) {
            throw new IllegalArgumentException("minibatch_size: must divide rollout_batch_size " + rolloutBatchSize
                    + ", got " + minibatchSize);
        }
        if (minibatchSize % microBatchSize != 0) {
            throw new IllegalArgumentException("micro_batch_size: must divide minibatch_size " + minibatchSize
                    + ", got " + microBatchSize);
        }
        Checks.positive("ppo_epochs", ppoEpochs);
        Checks.inRange("gamma", gamma, 0, 1);
        Checks.inRange("lam", lam, 0, 1);
        Checks.positive("cliprange", cliprange);
        Checks.positive("cliprange_value", cliprangeValue);
        Checks.nonNegative("vf_coef", vfCoef);
        Checks.nonNegative("entropy_coef", entropyCoef);
        if (criticLr != null) {
            Checks.positive("critic_lr", criticLr);
        }
        Checks.atLeast("log_samples_every", logSamplesEvery, 0);
        Checks.atLeast("samples_logged", samplesLogged, 0);
    }

    /**
     * TRL's PPO defaults where it has one (4 epochs, γ 1, λ 0.95, ε 0.2, ε_v 0.2, vf_coef 0.1, whitened
     * advantages); 64 answers per rollout in 4 minibatches, the scale the sample models train at.
     */
    public static PpoHyper defaults() {
        return new PpoHyper(100, 64, 16, 8, 4, 1.0, 0.95, 0.2, 0.2, 0.1, 0.0, true, null, 10, 3);
    }

    /** Optimizer steps per iteration. */
    public int stepsPerIteration() {
        return ppoEpochs * (rolloutBatchSize / minibatchSize);
    }
}
