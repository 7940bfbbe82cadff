package org.align4j.ppo.grpo;

import java.util.List;
import org.align4j.core.train.config.Checks;

/**
 * The {@code grpo:} section: the critic-free loop. Each iteration samples {@code group_size} answers to each
 * of {@code prompts_per_iteration} prompts, scores them with the reward list, turns the rewards into
 * group-relative advantages, then takes {@code epochs} passes over the answers in shuffled minibatches of
 * {@code minibatch_size} (one optimizer step each, with the clipped ratio from the second step on),
 * computed in micro-batches of {@code micro_batch_size}.
 *
 * @param algorithm {@code grpo} (group mean and standard deviation; Shao et al. 2024) or {@code rloo}
 *     (leave-one-out baseline; Ahmadian et al. 2024)
 * @param iterations rollouts in the run
 * @param promptsPerIteration prompts an iteration
 * @param groupSize G, answers sampled per prompt (at least 2: the baseline is the other answers)
 * @param minibatchSize answers per optimizer step; divides prompts_per_iteration × group_size
 * @param microBatchSize answers per forward/backward pass; divides minibatch_size
 * @param epochs passes over each rollout (μ of GRPO)
 * @param cliprange ε: the ratio π/π_old is clipped to [1−ε, 1+ε]
 * @param scaleRewards grpo: divide by the group's standard deviation; false is Dr. GRPO (Liu et al. 2025)
 * @param lossAggregation {@code token}, {@code sequence} or {@code constant} ({@link LossAggregation})
 * @param beta the KL coefficient; 0 turns the KL off
 * @param klIn {@code loss}: β·k3 per token in the loss (GRPO); {@code reward}: β·Σ(log π − log π_ref) taken
 *     from each answer's reward before the baseline (RLOO); null: loss for grpo, reward for rloo
 * @param logSamplesEvery iterations between writing sample answers with their reward components; 0: off
 * @param samplesLogged how many answers each time
 */
public record GrpoHyper(String algorithm, int iterations, int promptsPerIteration, int groupSize, int minibatchSize,
        int microBatchSize, int epochs, double cliprange, boolean scaleRewards, String lossAggregation, double beta,
        String klIn, int logSamplesEvery, int samplesLogged) {
    public static final List<String> ALGORITHMS = List.of("grpo", "rloo");

    public GrpoHyper {
        Checks.oneOf("algorithm", algorithm, ALGORITHMS);
        Checks.positive("iterations", iterations);
        Checks.positive("prompts_per_iteration", promptsPerIteration);
        Checks.atLeast("group_size", groupSize, 2);
        Checks.positive("minibatch_size", minibatchSize);
        Checks.positive("micro_batch_size", microBatchSize);
        int answers = promptsPerIteration * groupSize;
        if (answers % minibatchSize != 0) {
            throw new IllegalArgumentException("minibatch_size: must divide prompts_per_iteration × group_size = "
                    + answers + ", got " + minibatchSize);
        }
        if (minibatchSize % microBatchSize != 0) {
            throw new IllegalArgumentException("micro_batch_size: must divide minibatch_size " + minibatchSize
                    + ", got " + microBatchSize);
        }
        Checks.positive("epochs", epochs);
        Checks.positive("cliprange", cliprange);
        LossAggregation.parse(lossAggregation);
        Checks.nonNegative("beta", beta);
        if (klIn != null) {
            Checks.oneOf("kl_in", klIn, List.of("loss", "reward"));
        }
        if (!scaleRewards && "rloo".equals(algorithm)) {
            throw new IllegalArgumentException("scale_rewards: false is Dr. GRPO's option; RLOO never scales by the"
                    + " standard deviation, so remove it or set algorithm: grpo");
        }
        Checks.atLeast("log_samples_every", logSamplesEvery, 0);
        Checks.atLeast("samples_logged", samplesLogged, 0);
    }

    /**
     * GRPO with 8 prompts × 4 answers, one pass per rollout (so the ratio stays 1 and clipping is idle, as
     * TRL's default num_iterations 1), token-level averaging (DAPO, TRL's default since 2025), β 0.04 with the
     * KL as a loss term (DeepSeekMath).
     */
    public static GrpoHyper defaults() {
        return new GrpoHyper("grpo", 100, 8, 4, 16, 8, 1, 0.2, true, "token", 0.04, null, 10, 3);
    }

    public boolean rloo() {
        return "rloo".equals(algorithm);
    }

    /** Whether the KL is taken from the reward (RLOO's way) rather than added to the loss. */
    public boolean klInReward() {
        return klIn == null ? rloo() : "reward".equals(klIn);
    }

    public LossAggregation aggregation() {
        return LossAggregation.parse(lossAggregation);
    }

    public int answersPerIteration() {
        return promptsPerIteration * groupSize;
    }

    public int stepsPerIteration() {
        return epochs * (answersPerIteration() / minibatchSize);
    }
}
