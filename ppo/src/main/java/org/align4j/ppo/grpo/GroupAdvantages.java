package org.align4j.ppo.grpo;

/**
 * Sequence-level advantages of critic-free RL, computed within groups of answers to the same prompt. The
 * rewards of one iteration are laid out group by group: answers {@code g·G … g·G + G − 1} answer prompt
 * {@code g}.
 * <ul>
 *   <li>GRPO (Shao et al. 2024, "DeepSeekMath", eq. 3): {@code A_i = (r_i − mean(r)) / std(r)} with the
 *       unbiased standard deviation of the group (as TRL's {@code scale_rewards});</li>
 *   <li>Dr. GRPO (Liu et al. 2025, "Understanding R1-Zero-Like Training"): {@code A_i = r_i − mean(r)}, no
 *       division by the standard deviation (which up-weights groups that are nearly all right or all wrong);</li>
 *   <li>RLOO (Ahmadian et al. 2024, "Back to Basics", eq. 6): {@code A_i = r_i − mean_{j≠i} r_j}, the
 *       leave-one-out baseline, which equals {@code G/(G−1)·(r_i − mean(r))}.</li>
 * </ul>
 * A group whose rewards are all equal carries no signal: every answer's advantage is exactly 0 (never NaN),
 * whatever the rounding of its mean.
 */
public final class GroupAdvantages {
    private GroupAdvantages() {}

    /**
     * GRPO advantages.
     *
     * @param rewards one reward per answer, group by group
     * @param groupSize G, answers per prompt (at least 2)
     * @param scaleByStd divide by the group's standard deviation (GRPO); false: Dr. GRPO's plain difference
     */
    public static double[] grpo(double[] rewards, int groupSize, boolean scaleByStd) {
        check(rewards, groupSize);
        double[] out = new double[rewards.length];
        for (int start = 0; start < rewards.length; start += groupSize) {
            if (constant(rewards, start, groupSize)) {
                continue; // zero advantage: no NaN from 0/0, no rounding noise from the mean
            }
            double mean = mean(rewards, start, groupSize);
            double scale = 1;
            if (scaleByStd) {
                double ss = 0;
                for (int i = start; i < start + groupSize; i++) {
                    ss += (rewards[i] - mean) * (rewards[i] - mean);
                }
                scale = Math.sqrt(ss / (groupSize - 1));
            }
            for (int i = start; i < start + groupSize; i++) {
                out[i] = (rewards[i] - mean) / scale;
            }
        }
        return out;
    }

    /** RLOO advantages: each reward minus the mean of the other G − 1 rewards of its group. */
    public static double[] rloo(double[] rewards, int groupSize) {
        check(rewards, groupSize);
        double[] out = new double[rewards.length];
        for (int start = 0; start < rewards.length; start += groupSize) {
            if (constant(rewards, start, groupSize)) {
                continue;
            }
            double sum = 0;
            for (int i = start; i < start + groupSize; i++) {
                sum += rewards[i];
            }
            for (int i = start; i < start + groupSize; i++) {
                out[i] = rewards[i] - (sum - rewards[i]) / (groupSize - 1);
            }
        }
        return out;
    }

    private static void check(double[] rewards, int groupSize) {
        if (groupSize < 2) {
            throw new IllegalArgumentException("group_size: a group needs at least 2 answers to have a baseline, got "
                    + groupSize);
        }
        if (rewards.length % groupSize != 0) {
            throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
        }
    }

    private static boolean constant(double[] r, int start, int n) {
        for (int i = start + 1; i < start + n; i++) {
            if (r[i] != r[start]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] r, int start, int n) {
        double s = 0;
        for (int i = start; i < start + n; i++) {
            s += r[i];
        }
        return s / n;
    }
}
