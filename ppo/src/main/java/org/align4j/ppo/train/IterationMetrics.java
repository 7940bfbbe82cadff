package org.align4j.ppo.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        int n = r.size();
        double score = 0;
        double shaped = 0;
        double length = 0;
        double eos = 0;
        for (int i = 0; i < n; i++) {
            score += r.rawScores()[i];
            shaped += r.scores()[i];
            length += r.lengths()[i];
            eos += r.stopped()[i] ? 1 : 0;
        }
        double kl = e.meanSequenceKl();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("score", score / n);
        m.put("reward", shaped / n);
        m.put("non_score_reward", -beta * kl);
        m.put("kl", kl);
        m.put("kl_coef", beta);
        m.put("kl_coef_next", nextBeta);
        m.putAll(update.metrics());
        m.put("explained_variance", e.explainedVariance());
        m.put("answer_length", length / n);
        m.put("eos_share", eos / n);
        m.put("time_generation_s", timer.generationSeconds());
        m.put("time_scoring_s", timer.scoringSeconds());
        m.put("time_training_s", timer.trainingSeconds());
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
