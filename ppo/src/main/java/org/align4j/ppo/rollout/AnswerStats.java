package org.align4j.ppo.rollout;

import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;

/**
 * What the iteration and held-out metrics of PPO and GRPO report of sampled answers, over one or more rollouts taken
 * in order: the mean reward-model score, the mean answer length in tokens and the share that ended with a stop token.
 *
 * @param answers how many answers
 */
public record AnswerStats(int answers, double meanRawScore, double meanLength, double eosShare) {
    public static AnswerStats of(Rollout rollout) {
        return of(List.of(rollout));
    }

    public static AnswerStats of(List<Rollout> rollouts) {
        int n = 0;
        double score = 0;
        double length = 0;
        double eos = 0;
        for (Rollout r : rollouts) {
            int[] len = r.lengths();
            for (int i = 0; i < r.size(); i++) {
                score += r.rawScores()[i];
                length += len[i];
                eos += r.stopped()[i] ? 1 : 0;
            }
            n += r.size();
        }
        return new AnswerStats(n, score / n, length / n, eos / n);
    }

    /**
     * The mean over answers of the summed per-token KL estimate {@code Σ_t k(log π, log π_ref)} to the reference:
     * the held-out KL of PPO and GRPO.
     */
    public static double meanKl(List<Rollout> rollouts, KlEstimator estimator) {
        int n = 0;
        double kl = 0;
        for (Rollout r : rollouts) {
            int[] len = r.lengths();
            for (int i = 0; i < r.size(); i++) {
                for (int t = 0; t < len[i]; t++) {
                    kl += estimator.estimate(r.logprobs()[i][t], r.refLogprobs()[i][t]);
                }
            }
            n += r.size();
        }
        return kl / n;
    }

    /** Puts {@code PREFIXanswer_length} and {@code PREFIXeos_share} into {@code metrics}. */
    public void putLengthAndEos(Map<String, Double> metrics, String prefix) {
        metrics.put(prefix + "answer_length", meanLength);
        metrics.put(prefix + "eos_share", eosShare);
    }
}
