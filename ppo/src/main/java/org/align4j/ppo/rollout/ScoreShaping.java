package org.align4j.ppo.rollout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.reward.SafetyReward;
import org.align4j.reward.RewardStats;

/**
 * Turns raw reward-model scores into the score PPO adds on an answer's last token:
 * {@code clip((raw − mean)/std − penalty·[no EOS] + w·safety − o·[over-triage], −clip, clip)}. The penalty is
 * subtracted from every answer that reached max_new_tokens without a stop token, in every iteration alike;
 * {@code safety} is the red-flag rules' verdict on the answer (+1 / −1 on a prompt a rule matches, 0 elsewhere),
 * the same rule reward GRPO's {@code safety} term gives; {@code [over-triage]} is 1 for an answer that sends the
 * patient to emergency care where no rule matches ({@link SafetyReward#overTriage}).
 *
 * @param stats the reward model's score statistics, or null to leave scores unnormalised
 * @param missingEosPenalty subtracted from cut answers (≥ 0)
 * @param clip the bound of the final score; 0 for no clipping
 * @param safety the rules, or null for none (with rules and both weights 0 the scores are the reward model's alone, and
 *     {@link #ruleMetrics} still measures the answers)
 * @param safetyWeight w (≥ 0; unused without rules)
 * @param overTriagePenalty o (≥ 0; unused without rules)
 */
public record ScoreShaping(RewardStats stats, double missingEosPenalty, double clip, SafetyReward safety,
        double safetyWeight, double overTriagePenalty) {
    public ScoreShaping {
        if (!(missingEosPenalty >= 0) || !(clip >= 0) || !(safetyWeight >= 0) || !(overTriagePenalty >= 0)) {
            throw new IllegalArgumentException("missing_eos_penalty, clip, safety_weight and over_triage_penalty must"
                    + " be >= 0, got " + missingEosPenalty + ", " + clip + ", " + safetyWeight + " and " + overTriagePenalty);
        }
    }

    /** Reward-model scores only. */
    public ScoreShaping(RewardStats stats, double missingEosPenalty, double clip) {
        this(stats, missingEosPenalty, clip, null, 0, 0);
    }

    /**
     * The shaped scores of answers with raw scores {@code raw}; {@code stopped[i]}: answer i ended with EOS;
     * {@code prompts}/{@code answers}: the texts the safety rules judge (ignored without rules).
     */
    public float[] apply(float[] raw, boolean[] stopped, List<String> prompts, List<String> answers) {
        double[] rule = safety == null || safetyWeight == 0 ? null : safety.verdicts(prompts, answers);
        double[] over = safety == null || overTriagePenalty == 0 ? null : safety.overTriage(prompts, answers);
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double s = stats == null ? raw[i] : stats.normalize(raw[i]);
            if (!stopped[i]) {
                s -= missingEosPenalty;
            }
            if (rule != null) {
                s += safetyWeight * rule[i];
            }
            if (over != null) {
                s -= overTriagePenalty * over[i];
            }
            if (clip > 0) {
                s = Math.max(-clip, Math.min(clip, s));
            }
            out[i] = (float) s;
        }
        return out;
    }

    /**
     * What the rules say of {@code answers}, for the iteration's metrics: {@code safety_pass_rate} and {@code
     * over_triage} as {@code align eval} defines them ({@link org.align4j.datasets.sample.SafetyRules#passRate},
     * {@code overTriageRate}), each only when the batch has such prompts; empty without rules.
     */
    public Map<String, Double> ruleMetrics(List<String> prompts, List<String> answers) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (safety != null) {
            Double pass = safety.rules().passRate(prompts, answers);
            Double over = safety.rules().overTriageRate(prompts, answers);
            if (pass != null) {
                m.put("safety_pass_rate", pass);
            }
            if (over != null) {
                m.put("over_triage", over);
            }
        }
        return m;
    }
}
