package org.align4j.ppo.rollout;

import org.align4j.reward.RewardStats;

/**
 * Turns raw reward-model scores into the score PPO adds on an answer's last token:
 * {@code clip((raw − mean)/std − penalty·[no EOS], −clip, clip)}. The penalty is subtracted from every
 * answer that reached max_new_tokens without a stop token, in every iteration alike.
 *
 * @param stats the reward model's score statistics, or null to leave scores unnormalised
 * @param missingEosPenalty subtracted from cut answers (≥ 0)
 * @param clip the bound of the final score; 0 for no clipping
 */
public record ScoreShaping(RewardStats stats, double missingEosPenalty, double clip) {
    public ScoreShaping {
        if (!(missingEosPenalty >= 0) || !(clip >= 0)) {
            throw new IllegalArgumentException("missing_eos_penalty and clip must be >= 0, got " + missingEosPenalty
                    + " and " + clip);
        }
    }

    /** The shaped scores of answers with raw scores {@code raw}; {@code stopped[i]}: answer i ended with EOS. */
    public float[] apply(float[] raw, boolean[] stopped) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double s = stats == null ? raw[i] : stats.normalize(raw[i]);
            if (!stopped[i]) {
                s -= missingEosPenalty;
            }
            if (clip > 0) {
                s = Math.max(-clip, Math.min(clip, s));
            }
            out[i] = (float) s;
        }
        return out;
    }
}
