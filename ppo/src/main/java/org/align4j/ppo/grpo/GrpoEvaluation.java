package org.align4j.ppo.grpo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.reward.AnswerBatch;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.rollout.AnswerStats;
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
        List<Rollout> sampled = collector.collectInBatches(prompts, batchSize, seed, timer);
        long t0 = System.nanoTime();
        AnswerBatch batch = AnswerBatch.concat(sampled.stream().map(Rollout::answerBatch).toList());
        Map<String, Double> m = new LinkedHashMap<>();
        rewards.logged(rewards.score(batch)).forEach((k, v) -> m.put("eval_" + k, v));
        timer.addScoring(System.nanoTime() - t0);
        m.put("eval_kl", AnswerStats.meanKl(sampled, KlEstimator.K1));
        AnswerStats.of(sampled).putLengthAndEos(m, "eval_");
        return m;
    }
}
