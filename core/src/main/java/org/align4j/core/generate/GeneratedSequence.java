package org.align4j.core.generate;

/**
 * One generated completion.
 *
 * <p>{@code logProbs[i]} is {@code log p(tokens[i] | prompt, tokens[..i))} under the model's
 * <b>unmodified</b> next-token distribution: the log-softmax of the raw logits, before temperature,
 * top-k or top-p. That is the quantity PPO's ratio and KL penalty need (the policy's own probability
 * of the action), not the probability of the sampling distribution.
 *
 * @param promptIds the prompt, without padding
 * @param tokens the generated ids; an EOS or stop token that ended the sequence is the last one
 * @param logProbs one per token, as above
 * @param finishReason why it ended
 * @param text the decoded completion (cut before a stop string), or null when no decoder was given
 */
public record GeneratedSequence(int[] promptIds, int[] tokens, float[] logProbs, FinishReason finishReason,
        String text) {

    /** Whether the sequence ended by sampling an end-of-sequence token. */
    public boolean endedWithEos() {
        return finishReason == FinishReason.EOS;
    }

    /** The sum of {@link #logProbs}: the log-probability of the whole completion. */
    public double sumLogProb() {
        double s = 0;
        for (float v : logProbs) {
            s += v;
        }
        return s;
    }
}
