package org.align4j.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.align4j.core.logprob.TokenLogProbs;

/**
 * The SFT loss: next-token negative log-likelihood on response tokens only. The logits at position t
 * predict token t+1, which counts when {@code lossMask[t+1] = 1}: prompt tokens and padding contribute
 * nothing. This is transformers' causal-LM loss with {@code labels = -100} on masked tokens
 * ({@link #labels}), written as a masked sum so that gradient accumulation can divide by the tokens of
 * the whole step.
 */
public final class SftLoss {
    /** The label of a token that is not trained on, as in transformers. */
    public static final int IGNORE_INDEX = -100;

    private SftLoss() {}

    /**
     * @param logits (B, T, V)
     * @param inputIds (B, T) int64
     * @param lossMask (B, T), 1 where the token is trained on
     * @return scalar: the summed NLL over trained tokens
     */
    public static NDArray nllSum(NDArray logits, NDArray inputIds, NDArray lossMask) {
        long t = inputIds.getShape().get(1);
        NDArray shifted = logits.get(new NDIndex(":, :{}, :", t - 1)); // (B, T-1, V)
        NDArray targets = inputIds.get(new NDIndex(":, 1:")); // (B, T-1)
        NDArray mask = lossMask.get(new NDIndex(":, 1:")).toType(DataType.FLOAT32, false); // (B, T-1)
        return TokenLogProbs.gather(shifted, targets).mul(mask).sum().neg();
    }

    /** The tokens {@link #nllSum} counts: mask ones after the first position of each row. */
    public static int trainedTargets(int[] lossMask, int batchSize, int seqLen) {
        int n = 0;
        for (int b = 0; b < batchSize; b++) {
            for (int t = 1; t < seqLen; t++) {
                n += lossMask[b * seqLen + t];
            }
        }
        return n;
    }

    /** transformers-style labels: the token id where it is trained on, {@link #IGNORE_INDEX} elsewhere. */
    public static int[] labels(int[] inputIds, int[] lossMask) {
        int[] out = new int[inputIds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lossMask[i] == 1 ? inputIds[i] : IGNORE_INDEX;
        }
        return out;
    }
}
