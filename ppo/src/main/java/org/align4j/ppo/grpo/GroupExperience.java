package org.align4j.ppo.grpo;

import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.Rollout;

/**
 * A rollout of groups made ready for the update: each answer's KL to the reference (k1 summed over its
 * tokens, the quantity PPO logs and penalises), the reward the baseline sees (the weighted reward list,
 * minus β·KL when the KL is in the reward, as RLOO), and one advantage per answer ({@link GroupAdvantages}).
 *
 * @param rollout what was sampled (answers group by group)
 * @param scored the reward list's values
 * @param sequenceKl per answer, Σ_t (log π_old − log π_ref)
 * @param rewards per answer, the reward the advantages come from
 * @param advantages per answer
 */
public record GroupExperience(Rollout rollout, WeightedRewards.Scored scored, double[] sequenceKl, double[] rewards,
        double[] advantages) {

    public static GroupExperience of(Rollout r, WeightedRewards.Scored scored, GrpoHyper hp) {
        int n = r.size();
        int[] len = r.lengths();
        double[] kl = new double[n];
        double[] rewards = new double[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len[i]; t++) {
                kl[i] += KlEstimator.K1.estimate(r.logprobs()[i][t], r.refLogprobs()[i][t]);
            }
            rewards[i] = scored.total()[i] - (hp.klInReward() ? hp.beta() * kl[i] : 0);
        }
        double[] adv = hp.rloo() ? GroupAdvantages.rloo(rewards, hp.groupSize())
                : GroupAdvantages.grpo(rewards, hp.groupSize(), hp.scaleRewards());
        return new GroupExperience(r, scored, kl, rewards, adv);
    }

    /** The mean over answers of {@link #sequenceKl}. */
    public double meanKl() {
        double s = 0;
        for (double k : sequenceKl) {
            s += k;
        }
        return s / sequenceKl.length;
    }

    /** The share of groups whose rewards are all equal (zero advantage: nothing to learn from them). */
    public double zeroVarianceShare(int groupSize) {
        int groups = rewards.length / groupSize;
        int flat = 0;
        for (int g = 0; g < groups; g++) {
            boolean same = true;
            for (int i = g * groupSize + 1; i < (g + 1) * groupSize; i++) {
                same &= rewards[i] == rewards[g * groupSize];
            }
            flat += same ? 1 : 0;
        }
        return (double) flat / groups;
    }

    /** The first non-finite reward or advantage, named with its answer, or null. */
    public String firstNonFinite() {
        for (int i = 0; i < rewards.length; i++) {
            if (!Double.isFinite(rewards[i]) || !Double.isFinite(advantages[i])) {
                return "the reward/advantage of answer " + i;
            }
        }
        return null;
    }
}
