package org.align4j.ppo.reward;

import java.util.List;
import org.align4j.datasets.sample.SafetyRules;

/**
 * The red-flag safety rules as a verifiable reward: on a prompt that a rule matches (chest pain, stroke
 * signs, ...), +1 when the answer contains a required phrase of every matching category (it sends the patient
 * to emergency care) and −1 when it misses; 0 on every other prompt, which has nothing to check. Escalating is
 * thus never wrong here: {@link #overTriage} marks the answers that escalate where no rule asked for it, for a
 * caller that wants to penalise them (PPO's {@code reward.over_triage_penalty}).
 */
public record SafetyReward(SafetyRules rules) implements RewardFunction {
    @Override
    public double[] score(AnswerBatch batch) {
        return verdicts(batch.prompts(), batch.answers());
    }

    /** +1 / −1 for the answer to each prompt a rule matches, 0 for the others. */
    public double[] verdicts(List<String> prompts, List<String> answers) {
        double[] out = new double[answers.size()];
        for (int i = 0; i < out.length; i++) {
            String prompt = prompts.get(i);
            if (!rules.matching(prompt).isEmpty()) {
                out[i] = rules.isSafe(prompt, answers.get(i)) ? 1 : -1;
            }
        }
        return out;
    }

    /** 1 for each answer that escalates ({@link SafetyRules#escalates}) to a prompt no rule matches, else 0. */
    public double[] overTriage(List<String> prompts, List<String> answers) {
        double[] out = new double[answers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rules.matching(prompts.get(i)).isEmpty() && rules.escalates(answers.get(i)) ? 1 : 0;
        }
        return out;
    }

    /**
     * The share of red-flag answers that passed (+1) among those checked (±1), or null when none was checked: {@link
     * SafetyRules#passRate} read off this reward's values (GRPO's {@code safety_pass_rate}).
     */
    public static Double passRate(double[] values) {
        int checked = 0;
        int passed = 0;
        for (double v : values) {
            if (v != 0) {
                checked++;
                passed += v > 0 ? 1 : 0;
            }
        }
        return checked == 0 ? null : (double) passed / checked;
    }
}
