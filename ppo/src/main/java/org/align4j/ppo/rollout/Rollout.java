package org.align4j.ppo.rollout;

import java.util.List;
import org.align4j.ppo.reward.AnswerBatch;

/**
 * What one iteration sampled and measured, before rewards and advantages: prompts and answers, and for
 * every answer token its log-probability under the policy (the "old" policy of the update), under the
 * reference, and the critic's value. Per-token arrays are (B, R) with zeros past each answer's length.
 *
 * @param batch the token layout
 * @param prompts the prompts as the reward model read them
 * @param answers the decoded answers (special tokens removed)
 * @param stopped whether each answer ended with a stop token
 * @param logprobs log π_old of each answer token
 * @param refLogprobs log π_ref of each answer token
 * @param values V at each answer position
 * @param rawScores the reward model's scores
 * @param scores the shaped scores added on the last token ({@link ScoreShaping})
 */
public record Rollout(SequenceBatch batch, List<String> prompts, List<String> answers, boolean[] stopped,
        float[][] logprobs, float[][] refLogprobs, float[][] values, float[] rawScores, float[] scores) {

    public int size() {
        return batch.rows();
    }

    /** The prompts as the reward model read them, the answers, their lengths and stop flags: what rewards score. */
    public AnswerBatch answerBatch() {
        return new AnswerBatch(prompts, answers, lengths(), stopped);
    }

    /** The response lengths. */
    public int[] lengths() {
        return batch.responseLengths();
    }

    /**
     * The name of the first per-token or per-answer quantity holding NaN or Inf, with the row, or null when all
     * are finite. The guard rail that stops a run before non-finite numbers reach the update.
     */
    public String firstNonFinite() {
        int[] len = lengths();
        for (int i = 0; i < size(); i++) {
            if (!Float.isFinite(rawScores[i])) {
                return "the reward model's score of answer " + i;
            }
            if (!Float.isFinite(scores[i])) {
                return "the shaped score of answer " + i;
            }
            float[][][] perToken = {logprobs, refLogprobs, values};
            String[] names = {"the policy log-probs", "the reference log-probs", "the values"};
            for (int k = 0; k < names.length; k++) {
                for (int t = 0; t < len[i]; t++) {
                    if (!Float.isFinite(perToken[k][i][t])) {
                        return names[k] + " of answer " + i + " (token " + t + ")";
                    }
                }
            }
        }
        return null;
    }
}
