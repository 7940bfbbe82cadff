package org.align4j.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.SplittableRandom;

/**
 * Picks each row's next token from the last position's log-probabilities, moving as little as possible
 * from the engine to Java (each transfer and each op has a fixed cost): greedy decoding takes the argmax
 * and its log-prob in the engine (2·B numbers come back); top-k sampling takes the k best in the engine
 * and samples among them in Java; only sampling without top-k reads whole rows.
 */
final class TokenPicker {
    /** The chosen token of each row and its log-prob under the unmodified distribution. */
    record Picked(int[] tokens, float[] logProbs) {}

    private TokenPicker() {}

    /**
     * @param logp (B, V) float32 log-softmax of the raw logits
     * @param rngs one random stream per row
     */
    static Picked pick(NDArray logp, SamplingConfig config, SplittableRandom[] rngs) {
        int b = (int) logp.getShape().get(0);
        int v = (int) logp.getShape().get(1);
        int[] tokens = new int[b];
        float[] lps = new float[b];
        if (config.greedy()) {
            NDArray idx = logp.argMax(1).expandDims(1); // (B, 1)
            long[] ids = idx.toLongArray();
            float[] chosen = logp.gather(idx, 1).toFloatArray(); // (B, 1)
            for (int r = 0; r < b; r++) {
                tokens[r] = Math.toIntExact(ids[r]);
                lps[r] = chosen[r];
            }
            return new Picked(tokens, lps);
        }
        if (config.topK() > 0 && config.topK() < v) {
            int k = config.topK();
            NDList top = logp.topK(k, 1, true, true); // values (B, k), indices (B, k), largest first
            float[] values = top.get(0).toFloatArray();
            long[] indices = top.get(1).toLongArray();
            for (int r = 0; r < b; r++) {
                int j = TokenSampler.sample(values, r * k, k, config.temperature(), config.topP(), rngs[r]);
                tokens[r] = Math.toIntExact(indices[r * k + j]);
                lps[r] = values[r * k + j];
            }
            return new Picked(tokens, lps);
        }
        float[] all = logp.toFloatArray(); // (B, V)
        for (int r = 0; r < b; r++) {
            int j = TokenSampler.sample(all, r * v, v, config.temperature(), config.topP(), rngs[r]);
            tokens[r] = j;
            lps[r] = all[r * v + j];
        }
        return new Picked(tokens, lps);
    }
}
