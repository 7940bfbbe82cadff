package org.align4j.ppo.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.rollout.AnswerStats;
import org.align4j.ppo.rollout.PhaseTimer;
import org.align4j.ppo.rollout.Rollout;

/**
 * The metrics of one PPO iteration, as written to {@code metrics.jsonl} and TensorBoard:
 * <ul>
 *   <li>{@code score}: mean raw reward-model score; {@code reward}: mean shaped score (normalised,
 *       penalised, clipped: what the last token receives); {@code non_score_reward}: mean of
 *       {@code −β·Σ_t kl_t} per answer;</li>
 *   <li>{@code kl}: mean over answers of the summed per-token KL estimates, exactly the values in the
 *       reward; {@code kl_coef}: the β those rewards used; {@code kl_coef_next}: β after the controller;</li>
 *   <li>the update's means ({@code policy_loss}, {@code value_loss}, {@code entropy}, {@code clip_fraction},
 *       {@code approx_kl}, {@code value_clip_fraction}, {@code grad_norm}, {@code critic_grad_norm}, {@code lr});</li>
 *   <li>{@code explained_variance}, {@code answer_length}, {@code eos_share} (answers that ended with a stop
 *       token), and the seconds spent in generation, scoring and training.</li>
 * </ul>
 * The trainer adds the safety rules' measures of the sampled answers ({@code safety_pass_rate},
 * {@code over_triage}: {@link org.align4j.ppo.rollout.ScoreShaping#ruleMetrics}).
 */
public final class IterationMetrics {
    /** The keys the progress display shows (the file has all). */
    static final List<String> SHOWN = List.of("score", "kl", "kl_coef", "entropy", "policy_loss", "value_loss",
            "clip_fraction", "answer_length", "eos_share", "over_triage");

    private IterationMetrics() {}

    /** All metrics of an iteration. */
    public static Map<String, Double> of(Experience e, UpdateStats update, double beta, double nextBeta,
            PhaseTimer timer) {
        Rollout r = e.rollout();
        AnswerStats answers = AnswerStats.of(r);
        double shaped = 0;
        for (float s : r.scores()) {
            shaped += s;
        }
        double kl = e.meanSequenceKl();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("score", answers.meanRawScore());
        m.put("reward", shaped / r.size());
        m.put("non_score_reward", -beta * kl);
        m.put("kl", kl);
        m.put("kl_coef", beta);
        m.put("kl_coef_next", nextBeta);
        m.putAll(update.metrics());
        m.put("explained_variance", e.explainedVariance());
        answers.putLengthAndEos(m, "");
        timer.putInto(m);
        return m;
    }

    /** The subset of {@code all} the progress display shows. */
    public static Map<String, Double> shown(Map<String, Double> all) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : SHOWN) {
            if (all.containsKey(k)) {
                m.put(k, all.get(k));
            }
        }
        return m;
    }
}
