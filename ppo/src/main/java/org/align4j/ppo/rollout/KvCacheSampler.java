package org.align4j.ppo.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.KvCache;
import org.align4j.core.nn.NoGrad;
import org.align4j.ppo.config.GenerationConfig;

/**
 * Batched sampling with a key/value cache: the left-padded prompts go through the model once, then one
 * token a step. Each step draws from {@code softmax(logits / temperature)} restricted to the top-k tokens
 * and to the nucleus of probability top-p (Holtzman et al. 2020), or takes the arg-max when the
 * temperature is 0. The uniform numbers come from {@code java.util.Random(seed)}, so a draw does not
 * depend on the engine's generator. A row stops at its first stop token; the batch stops when every row
 * has, or at {@code max_new_tokens}.
 */
public final class KvCacheSampler implements Sampler {
    private final GenerationConfig cfg;
    private final Set<Integer> stopIds;
    private final int pad;

    /**
     * @param stopIds the ids that end an answer (end-of-sequence, end-of-turn)
     * @param pad the id fed at positions of finished rows and left padding (masked out)
     */
    public KvCacheSampler(GenerationConfig cfg, Set<Integer> stopIds, int pad) {
        if (stopIds.isEmpty()) {
            throw new IllegalArgumentException("no stop token: the tokenizer declares no eos token");
        }
        this.cfg = cfg;
        this.stopIds = Set.copyOf(stopIds);
        this.pad = pad;
    }

    @Override
    public Samples sample(CausalLanguageModel lm, int[][] prompts, long seed) {
        int b = prompts.length;
        int p = Arrays.stream(prompts).mapToInt(x -> x.length).max().orElseThrow();
        int maxNew = cfg.maxNewTokens();
        long[] mask = new long[b * (p + maxNew)]; // (B, P + maxNew), filled as positions are used
        long[] ids = new long[b * p];
        long[] nextPos = new long[b];
        Arrays.fill(ids, pad);
        for (int i = 0; i < b; i++) {
            int off = p - prompts[i].length;
            for (int t = 0; t < prompts[i].length; t++) {
                ids[i * p + off + t] = prompts[i][t];
                mask[i * (p + maxNew) + off + t] = 1;
            }
            nextPos[i] = prompts[i].length;
        }
        List<List<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            answers.add(new ArrayList<>());
        }
        boolean[] stopped = new boolean[b];
        Random rnd = new Random(seed);
        try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager(); KvCache cache = lm.newCache(m)) {
            long[] tokens;
            try (NDManager step = m.newSubManager()) {
                NDArray maskArray = step.create(slice(mask, b, p + maxNew, p), new Shape(b, p));
                NDArray hidden = lm.hidden(step.create(ids, new Shape(b, p)), maskArray,
                        TokenLogProbs.positionsFromMask(maskArray), cache, false); // (B, P, d)
                tokens = pick(lm.logits(hidden.get(new NDIndex(":, -1:, :"))).squeeze(1), rnd); // from (B, V)
            }
            for (int s = 0; s < maxNew; s++) {
                boolean running = false;
                for (int i = 0; i < b; i++) {
                    if (stopped[i]) {
                        tokens[i] = pad; // this row is done: feed a masked pad
                        continue;
                    }
                    int tok = (int) tokens[i];
                    answers.get(i).add(tok);
                    mask[i * (p + maxNew) + p + s] = 1;
                    stopped[i] = stopIds.contains(tok);
                    running |= !stopped[i];
                }
                if (!running || s == maxNew - 1) {
                    break;
                }
                try (NDManager step = m.newSubManager()) {
                    long[] pos = new long[b];
                    for (int i = 0; i < b; i++) {
                        pos[i] = nextPos[i]++;
                    }
                    NDArray hidden = lm.hidden(step.create(tokens, new Shape(b, 1)),
                            step.create(slice(mask, b, p + maxNew, p + s + 1), new Shape(b, p + s + 1)),
                            step.create(pos, new Shape(b, 1)), cache, false); // (B, 1, d)
                    tokens = pick(lm.logits(hidden).squeeze(1), rnd); // from (B, V)
                }
            }
        }
        int[][] out = new int[b][];
        for (int i = 0; i < b; i++) {
            out[i] = answers.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Samples(out, stopped);
    }

    /** The first {@code cols} columns of a row-major (rows, width) array. */
    private static long[] slice(long[] a, int rows, int width, int cols) {
        long[] out = new long[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * width, out, i * cols, cols);
        }
        return out;
    }

    /** One token per row from next-token logits (B, V). */
    long[] pick(NDArray logits, Random rnd) {
        int b = (int) logits.getShape().get(0);
        long v = logits.getShape().get(1);
        if (cfg.greedy()) {
            return logits.argMax(1).toType(DataType.INT64, false).toLongArray();
        }
        NDManager m = logits.getManager();
        NDArray scaled = logits.toType(DataType.FLOAT32, false).div((float) cfg.temperature());
        boolean filter = cfg.topK() > 0 || cfg.topP() < 1;
        NDArray order = filter ? scaled.argSort(1, false) : null; // (B, V) token ids, most likely first
        NDArray probs = (filter ? scaled.gather(order, 1) : scaled).softmax(1); // (B, V)
        NDArray keep = m.ones(new Shape(b, v));
        if (cfg.topK() > 0) {
            keep = keep.mul(m.arange(0, (int) v).lt(cfg.topK()).toType(DataType.FLOAT32, false).reshape(1, v));
        }
        if (cfg.topP() < 1) {
            NDArray before = probs.cumSum(1).sub(probs); // probability of the more likely tokens
            keep = keep.mul(before.lt((float) cfg.topP()).toType(DataType.FLOAT32, false));
        }
        NDArray cdf = probs.mul(keep).cumSum(1); // (B, V)
        float[] u = new float[b];
        for (int i = 0; i < b; i++) {
            u[i] = rnd.nextFloat();
        }
        NDArray threshold = m.create(u, new Shape(b, 1)).mul(cdf.get(new NDIndex(":, -1:"))); // (B, 1)
        NDArray lastKept = keep.sum(new int[] {1}).sub(1).toType(DataType.INT64, false); // (B)
        NDArray choice = cdf.lt(threshold).toType(DataType.INT64, false).sum(new int[] {1}).minimum(lastKept); // (B)
        if (!filter) {
            return choice.toLongArray();
        }
        return order.gather(choice.reshape(b, 1), 1).reshape(b).toType(DataType.INT64, false).toLongArray();
    }
}
