package org.align4j.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The growing completion of one prompt: its tokens, their log-probs, its random stream and whether it ended. */
final class SequenceState {
    private final int[] prompt;
    private final int[] tokens;
    private final float[] logProbs;
    private final SplittableRandom rng;
    private int length;
    private FinishReason reason;
    private String text;

    SequenceState(int[] prompt, int maxNewTokens, SplittableRandom rng) {
        this.prompt = prompt;
        this.tokens = new int[maxNewTokens];
        this.logProbs = new float[maxNewTokens];
        this.rng = rng;
    }

    SplittableRandom rng() {
        return rng;
    }

    int promptLength() {
        return prompt.length;
    }

    int length() {
        return length;
    }

    boolean finished() {
        return reason != null;
    }

    /** Appends a token and decides whether the sequence ends with it. */
    void append(int token, float logProb, SamplingConfig config, TokenDecoder decoder) {
        tokens[length] = token;
        logProbs[length] = logProb;
        length++;
        if (config.eosIds().contains(token)) {
            reason = FinishReason.EOS;
        } else if (config.stopTokenIds().contains(token)) {
            reason = FinishReason.STOP_TOKEN;
        } else if (!config.stopStrings().isEmpty() && stopStringFound(config, decoder)) {
            reason = FinishReason.STOP_STRING;
        } else if (length == tokens.length) {
            reason = FinishReason.LENGTH;
        }
    }

    private boolean stopStringFound(SamplingConfig config, TokenDecoder decoder) {
        String sofar = decoder.decode(Arrays.copyOf(tokens, length));
        int cut = -1;
        for (String s : config.stopStrings()) {
            int at = sofar.indexOf(s);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut < 0) {
            return false;
        }
        text = sofar.substring(0, cut);
        return true;
    }

    GeneratedSequence result(TokenDecoder decoder) {
        int[] ids = Arrays.copyOf(tokens, length);
        String out = reason == FinishReason.STOP_STRING ? text : decoder == null ? null : decoder.decode(ids);
        return new GeneratedSequence(prompt.clone(), ids, Arrays.copyOf(logProbs, length), reason, out);
    }
}
