package org.align4j.ppo.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.RolloutCollector;

/**
 * The held-out measurement of a run: answers to the evaluation prompts, sampled as in rollouts but with the
 * same random draws at every evaluation (so that two evaluations differ only by the policy), their mean
 * reward-model score, and their mean KL to the reference (per answer, with the run's estimator: the
 * quantity the KL target constrains). With a greedy collector it also scores the greedy answers to the same
 * prompts ({@code eval_greedy_reward}): what a user of the model sees, and what {@code align eval} compares.
 *
 * @param greedy a collector that decodes greedily, or null for the sampled measures only
 */
public record HeldOutEvaluation(RolloutCollector collector, RolloutCollector greedy, PromptSet prompts, int batchSize,
        long seed, KlEstimator estimator) {
    /**
     * {@code eval_reward}, {@code eval_kl}, {@code eval_answer_length}, {@code eval_eos_share}; with a greedy
     * collector also {@code eval_greedy_reward}, {@code eval_greedy_answer_length} and, with safety rules,
     * {@code eval_greedy_safety_pass_rate} and {@code eval_greedy_over_triage} ({@link
     * org.align4j.ppo.rollout.ScoreShaping#ruleMetrics}).
     */
    public Map<String, Double> run(PhaseTimer timer) {
        double reward = 0;
        double kl = 0;
        double length = 0;
        double eos = 0;
        int n = prompts.size();
        for (int start = 0, b = 0; start < n; start += batchSize, b++) {
            Rollout r = collector.collect(batch(start), seed * 0x9E3779B97F4A7C15L - b, timer);
            int[] len = r.lengths();
            for (int i = 0; i < r.size(); i++) {
                reward += r.rawScores()[i];
                length += len[i];
                eos += r.stopped()[i] ? 1 : 0;
                for (int t = 0; t < len[i]; t++) {
                    kl += estimator.estimate(r.logprobs()[i][t], r.refLogprobs()[i][t]);
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("eval_reward", reward / n);
        m.put("eval_kl", kl / n);
        m.put("eval_answer_length", length / n);
        m.put("eval_eos_share", eos / n);
        if (greedy != null) {
            double greedyReward = 0;
            double greedyLength = 0;
            List<String> asked = new ArrayList<>();
            List<String> answered = new ArrayList<>();
            for (int start = 0; start < n; start += batchSize) {
                Rollout r = greedy.collect(batch(start), 0, timer);
                int[] len = r.lengths();
                for (int i = 0; i < r.size(); i++) {
                    greedyReward += r.rawScores()[i];
                    greedyLength += len[i];
                }
                asked.addAll(r.prompts());
                answered.addAll(r.answers());
            }
            m.put("eval_greedy_reward", greedyReward / n);
            m.put("eval_greedy_answer_length", greedyLength / n);
            greedy.shaping().ruleMetrics(asked, answered).forEach((k, v) -> m.put("eval_greedy_" + k, v));
        }
        return m;
    }

    private List<PromptSet.Prompt> batch(int start) {
        List<PromptSet.Prompt> part = new ArrayList<>();
        for (int i = start; i < Math.min(prompts.size(), start + batchSize); i++) {
            part.add(prompts.get(i));
        }
        return part;
    }
}
