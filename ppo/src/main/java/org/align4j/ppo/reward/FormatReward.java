package org.align4j.ppo.reward;

import java.util.regex.Pattern;

/**
 * A format check: 1 when the answer ended with a stop token (it did not run to max_new_tokens), is not
 * blank, and, when a pattern is given, contains a match of it (Java regex, {@code find}); else 0.
 *
 * @param pattern what a well-formed answer contains, or null for the stop-token and non-blank checks only
 */
public record FormatReward(Pattern pattern) implements RewardFunction {
    @Override
    public double[] score(AnswerBatch batch) {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            String a = batch.answers().get(i);
            boolean ok = batch.stopped()[i] && !a.isBlank() && (pattern == null || pattern.matcher(a).find());
            out[i] = ok ? 1 : 0;
        }
        return out;
    }
}
