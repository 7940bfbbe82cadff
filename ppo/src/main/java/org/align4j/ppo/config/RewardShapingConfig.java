package org.align4j.ppo.config;

import org.align4j.core.train.config.Checks;
import org.align4j.ppo.reward.RlRewardModel;

/**
 * How reward-model scores become the score PPO adds on an answer's last token:
 * {@code clip(normalize(raw) − missing_eos_penalty·[no EOS] + safety_weight·rule − over_triage_penalty·[over-triage],
 * −clip, clip)}.
 *
 * @param normalize subtract the mean and divide by the standard deviation saved with the reward model
 *     ({@code reward_stats.json}); an error when the model has none
 * @param missingEosPenalty subtracted from the score of an answer cut at max_new_tokens without an
 *     end-of-sequence token
 * @param clip clip the score to [−clip, clip]; 0 turns clipping off
 * @param whiten whiten the per-token rewards (KL penalty and score) over the rollout before GAE, without
 *     shifting their mean (TRL's {@code whiten_rewards})
 * @param maxLength the longest reward-model input in tokens (longer prompts lose their start); null: the length the
 *     reward model was trained on ({@link org.align4j.ppo.reward.RlRewardModel})
 * @param batchSize answers per reward-model forward pass
 * @param safetyWeight weight of the red-flag safety rules added to the shaped score (before clipping): on a prompt
 *     a rule matches, +weight when the answer sends the patient to emergency care and −weight when it does not
 *     (GRPO's {@code safety} reward); 0 turns them off
 * @param overTriagePenalty subtracted from an answer that sends the patient to emergency care (a required phrase of
 *     any rule) although no rule matches its prompt; 0 turns it off
 * @param safetyRules the rules file ({@code safety-rules.json}); null: the rules of the bundled sample
 */
public record RewardShapingConfig(boolean normalize, double missingEosPenalty, double clip, boolean whiten, Integer maxLength,
        int batchSize, double safetyWeight, double overTriagePenalty, String safetyRules) {
    public RewardShapingConfig {
        Checks.nonNegative("missing_eos_penalty", missingEosPenalty);
        Checks.nonNegative("clip", clip);
        if (maxLength != null) {
            Checks.positive("max_length", maxLength);
        }
        Checks.positive("batch_size", batchSize);
        Checks.nonNegative("safety_weight", safetyWeight);
        Checks.nonNegative("over_triage_penalty", overTriagePenalty);
    }

    /**
     * Normalised scores (so β and the penalty mean the same for every reward model), a penalty of one standard
     * deviation for a cut answer (rambling to the limit must not pay), no clipping or whitening (TRL's defaults), the
     * length the reward model was trained on, no rule reward or over-triage penalty.
     */
    public static RewardShapingConfig defaults() {
        return new RewardShapingConfig(true, 1.0, 0.0, false, null, RlRewardModel.DEFAULT_BATCH_SIZE, 0.0, 0.0, null);
    }
}
