package org.align4j.ppo.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.align4j.core.logprob.TokenLogProbs;

/**
 * Prompts and their sampled answers laid out for one forward pass (Java memory only):
 * <pre>
 *   [pad … pad  prompt tokens | answer tokens  pad … pad]
 *    ←──── promptWidth P ────→ ←──── responseWidth R ───→
 * </pre>
 * Prompts are left-padded so that every answer starts at column P; answers are right-padded. Answer token
 * {@code t} of a row sits at column {@code P + t} and is predicted by the hidden state at column
 * {@code P + t − 1}. Per-token quantities (log-probs, values, rewards) are indexed by {@code t}.
 */
public final class SequenceBatch {
    private final int[][] prompts;
    private final int[][] responses;
    private final int pad;
    private final int promptWidth;
    private final int responseWidth;

    /**
     * @param prompts the prompt ids of each row (not empty)
     * @param responses the answer ids of each row (not empty), including the end-of-sequence token when one was
     *     sampled
     * @param pad the id written at padded positions (masked out everywhere)
     */
    public SequenceBatch(int[][] prompts, int[][] responses, int pad) {
        if (prompts.length != responses.length || prompts.length == 0) {
            throw new IllegalArgumentException(prompts.length + " prompts but " + responses.length + " answers");
        }
        int p = 0;
        int r = 0;
        for (int i = 0; i < prompts.length; i++) {
            if (prompts[i].length == 0 || responses[i].length == 0) {
                throw new IllegalArgumentException("row " + i + " has an empty " + (prompts[i].length == 0 ? "prompt" : "answer"));
            }
            p = Math.max(p, prompts[i].length);
            r = Math.max(r, responses[i].length);
        }
        this.prompts = prompts;
        this.responses = responses;
        this.pad = pad;
        this.promptWidth = p;
        this.responseWidth = r;
    }

    public int rows() {
        return prompts.length;
    }

    public int promptWidth() {
        return promptWidth;
    }

    public int responseWidth() {
        return responseWidth;
    }

    public int[] prompt(int row) {
        return prompts[row];
    }

    public int[] response(int row) {
        return responses[row];
    }

    /** The number of answer tokens of each row. */
    public int[] responseLengths() {
        return Arrays.stream(responses).mapToInt(r -> r.length).toArray();
    }

    /** The rows {@code idx}, padded only as wide as they need. */
    public SequenceBatch select(int[] idx) {
        int[][] p = new int[idx.length][];
        int[][] r = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            p[i] = prompts[idx[i]];
            r[i] = responses[idx[i]];
        }
        return new SequenceBatch(p, r, pad);
    }

    /** The batch's native arrays, created on {@code m}. */
    public Tensors tensors(NDManager m) {
        int b = rows();
        int len = promptWidth + responseWidth;
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] target = new long[b * responseWidth];
        float[] targetMask = new float[b * responseWidth];
        Arrays.fill(ids, pad);
        Arrays.fill(target, pad);
        for (int i = 0; i < b; i++) {
            int start = i * len + promptWidth - prompts[i].length;
            for (int t = 0; t < prompts[i].length; t++) {
                ids[start + t] = prompts[i][t];
                mask[start + t] = 1;
            }
            for (int t = 0; t < responses[i].length; t++) {
                ids[i * len + promptWidth + t] = responses[i][t];
                mask[i * len + promptWidth + t] = 1;
                target[i * responseWidth + t] = responses[i][t];
                targetMask[i * responseWidth + t] = 1;
            }
        }
        NDArray idArray = m.create(ids, new Shape(b, len));
        NDArray maskArray = m.create(mask, new Shape(b, len));
        return new Tensors(idArray, maskArray, TokenLogProbs.positionsFromMask(maskArray),
                m.create(target, new Shape(b, responseWidth)), m.create(targetMask, new Shape(b, responseWidth)),
                promptWidth, responseWidth);
    }

    /**
     * Per-token values of the rows {@code idx} as a (idx.length, width) float32 array, zero past each row's
     * length.
     */
    public static NDArray perToken(NDManager m, float[][] values, int[] idx, int width) {
        float[] flat = new float[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            float[] row = values[idx[i]];
            System.arraycopy(row, 0, flat, i * width, Math.min(width, row.length));
        }
        return m.create(flat, new Shape(idx.length, width));
    }

    /**
     * The arrays of one forward pass.
     *
     * @param ids (B, P+R) int64
     * @param attentionMask (B, P+R) int64, 1 = real token
     * @param positions (B, P+R) int64 position ids that skip the left padding
     * @param responseIds (B, R) int64, the answer tokens (pad past each length)
     * @param responseMask (B, R) float32, 1 on answer tokens
     * @param promptWidth P
     * @param responseWidth R
     */
    public record Tensors(NDArray ids, NDArray attentionMask, NDArray positions, NDArray responseIds,
            NDArray responseMask, int promptWidth, int responseWidth) {
        /** Answer-token positions of a (B, P+R, …) array: columns {@code P−1 … P+R−2}, (B, R, …). */
        public NDArray answerSlice(NDArray perColumn) {
            return perColumn.get(new NDIndex(":, {}:{}", promptWidth - 1,
                    promptWidth + responseWidth - 1));
        }
    }
}
