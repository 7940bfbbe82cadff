package org.align4j.ppo.grpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.reward.AnswerBatch;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.Rollout;
import org.align4j.ppo.rollout.RolloutCollector;

/**
 * The held-out measurement of a critic-free run: one sampled answer per evaluation prompt, with the same
 * random draws at every evaluation (two evaluations differ only by the policy), scored by the whole reward
 * list: {@code eval_reward} (the weighted total), {@code eval_reward_NAME} per component,
 * {@code eval_safety_pass_rate} (with a safety reward), {@code eval_kl} (Σ log π − log π_ref per answer, as
 * PPO's held-out KL), {@code eval_answer_length} and {@code eval_eos_share}.
 */
public record GrpoEvaluation(RolloutCollector collector, WeightedRewards rewards, PromptSet prompts, int batchSize,
        long seed) {
    public Map<String, Double> run(PhaseTimer timer) {
        List<String> promptTexts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<Boolean> stopped = new ArrayList<>();
        double kl = 0;
        int n = prompts.size();
        for (int start = 0, b = 0; start < n; start += batchSize, b++) {
            List<PromptSet.Prompt> part = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + batchSize); i++) {
                part.add(prompts.get(i));
            }
            Rollout r = collector.collect(part, seed * 0x9E3779B97F4A7C15L - b, timer);
            int[] len = r.lengths();
            for (int i = 0; i < r.size(); i++) {
                promptTexts.add(r.prompts().get(i));
                answers.add(r.answers().get(i));
                lengths.add(len[i]);
                stopped.add(r.stopped()[i]);
                for (int t = 0; t < len[i]; t++) {
                    kl += KlEstimator.K1.estimate(r.logprobs()[i][t], r.refLogprobs()[i][t]);
                }
            }
        }
        boolean[] stop = new boolean[n];
        for (int i = 0; i < n; i++) {
            stop[i] = stopped.get(i);
        }
        long t0 = System.nanoTime();
        AnswerBatch batch = new AnswerBatch(promptTexts, answers, lengths.stream().mapToInt(Integer::intValue).toArray(),
                stop);
        Map<String, Double> m = new LinkedHashMap<>();
        rewards.logged(rewards.score(batch)).forEach((k, v) -> m.put("eval_" + k, v));
        timer.addScoring(System.nanoTime() - t0);
        m.put("eval_kl", kl / n);
        m.put("eval_answer_length", lengths.stream().mapToInt(Integer::intValue).average().orElse(0));
        m.put("eval_eos_share", stopped.stream().filter(s -> s).count() / (double) n);
        return m;
    }
}
