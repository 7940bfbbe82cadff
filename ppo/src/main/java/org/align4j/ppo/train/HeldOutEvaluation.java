package org.align4j.ppo.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;
import org.align4j.ppo.reward.AnswerBatch;
import org.align4j.ppo.rollout.AnswerStats;
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
        List<Rollout> sampled = collector.collectInBatches(prompts, batchSize, seed, timer);
        AnswerStats stats = AnswerStats.of(sampled);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("eval_reward", stats.meanRawScore());
        m.put("eval_kl", AnswerStats.meanKl(sampled, estimator));
        stats.putLengthAndEos(m, "eval_");
        if (greedy != null) {
            List<Rollout> answered = greedy.collectInBatches(prompts, batchSize, 0, timer); // greedy: no draws
            AnswerStats g = AnswerStats.of(answered);
            m.put("eval_greedy_reward", g.meanRawScore());
            m.put("eval_greedy_answer_length", g.meanLength());
            AnswerBatch b = AnswerBatch.concat(answered.stream().map(Rollout::answerBatch).toList());
            greedy.shaping().ruleMetrics(b.prompts(), b.answers()).forEach((k, v) -> m.put("eval_greedy_" + k, v));
        }
        return m;
    }
}
