package org.align4j.core.generate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.KvCache;
import org.align4j.core.model.PreallocatedKvCache;
import org.align4j.core.nn.NoGrad;

/**
 * Batched autoregressive generation for causal LMs (GPT-2, Llama, Qwen2).
 *
 * <p>Prompts of different lengths are left-padded into one batch with an attention mask, and their
 * position ids skip the padding ({@link TokenLogProbs#positionsFromMask}), so each prompt's tokens see
 * the same positions as if it were alone. With the key/value cache, the first step runs the prompts
 * and every later step feeds only the newest token; without it every step runs the whole sequence.
 * Only the last position's logits are computed. Sequences stop one by one (EOS, a stop token, a stop
 * string or the length limit) and finished ones leave the batch (and the cache).
 *
 * <p>Runs without autograd (grad mode is per thread; the caller's mode is restored). Each step's
 * arrays live in a sub-manager closed at the end of the step, so native memory does not grow with the
 * number of steps; only the cache grows, by one position a step.
 */
public final class Generator {
    private final CausalLanguageModel model;
    private final TokenDecoder decoder;

    /** A generator without text: results carry token ids and log-probs only; stop strings are refused. */
    public Generator(CausalLanguageModel model) {
        this(model, null);
    }

    /** @param decoder turns completions into text (and makes stop strings usable); may be null */
    public Generator(CausalLanguageModel model, TokenDecoder decoder) {
        this.model = model;
        this.decoder = decoder;
    }

    /** Generates a completion for each prompt, in a manager of its own. */
    public List<GeneratedSequence> generate(List<int[]> prompts, SamplingConfig config) {
        try (NDManager manager = NDManager.newBaseManager(device())) {
            return generate(manager, prompts, config);
        }
    }

    /**
     * Generates a completion for each prompt (token ids, no padding), in the order given. Nothing is
     * left on {@code parent} when this returns.
     */
    public List<GeneratedSequence> generate(NDManager parent, List<int[]> prompts, SamplingConfig config) {
        validate(prompts, config);
        int batch = prompts.size();
        int width = prompts.stream().mapToInt(p -> p.length).max().orElseThrow(); // P: the padded prompt width
        boolean padded = prompts.stream().anyMatch(p -> p.length < width);
        int pad = config.eosIds().isEmpty() ? 0 : config.eosIds().get(0); // masked out: any valid id does
        int columns = width + config.maxNewTokens();
        long[][] ids = new long[batch][columns]; // left-padded prompt, then generated tokens
        long[][] mask = new long[batch][columns];
        SplittableRandom root = new SplittableRandom(config.seed());
        List<SequenceState> states = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int[] p = prompts.get(b);
            int off = width - p.length;
            java.util.Arrays.fill(ids[b], 0, off, pad);
            for (int t = 0; t < p.length; t++) {
                ids[b][off + t] = p[t];
                mask[b][off + t] = 1;
            }
            states.add(new SequenceState(p, config.maxNewTokens(), root.split()));
        }
        int[] active = new int[batch]; // indices of the unfinished sequences, in batch order
        for (int b = 0; b < batch; b++) {
            active[b] = b;
        }
        try (NoGrad ignored = NoGrad.enter();
                NDManager run = parent.newSubManager();
                KvCache cache = config.useCache()
                        ? new PreallocatedKvCache(run, model.config().numLayers(), columns) : null) {
            for (int step = 0; step < config.maxNewTokens() && active.length > 0; step++) {
                int cols = width + step; // columns filled so far
                TokenPicker.Picked picked;
                try (NDManager s = run.newSubManager()) {
                    NDArray logp = nextLogProbs(s, ids, mask, active, cols, padded, cache, step, states);
                    SplittableRandom[] rngs = new SplittableRandom[active.length];
                    for (int r = 0; r < active.length; r++) {
                        rngs[r] = states.get(active[r]).rng();
                    }
                    picked = TokenPicker.pick(logp, config, rngs);
                }
                int still = 0;
                for (int r = 0; r < active.length; r++) {
                    int b = active[r];
                    ids[b][cols] = picked.tokens()[r];
                    mask[b][cols] = 1;
                    SequenceState st = states.get(b);
                    st.append(picked.tokens()[r], picked.logProbs()[r], config, decoder);
                    if (!st.finished()) {
                        still++;
                    }
                }
                if (still < active.length) {
                    active = dropFinished(active, still, states, cache, run);
                }
            }
        }
        List<GeneratedSequence> out = new ArrayList<>(batch);
        for (SequenceState st : states) {
            out.add(st.result(decoder));
        }
        return out;
    }

    /** (B_active, V) float32 log-softmax of the raw logits at the last position. */
    private NDArray nextLogProbs(NDManager s, long[][] ids, long[][] mask, int[] active, int cols, boolean padded,
            KvCache cache, int step, List<SequenceState> states) {
        int n = active.length;
        boolean incremental = cache != null && step > 0;
        int t = incremental ? 1 : cols; // tokens fed this step
        long[] in = new long[n * t];
        for (int r = 0; r < n; r++) {
            System.arraycopy(ids[active[r]], cols - t, in, r * t, t);
        }
        NDArray inputIds = s.create(in, new Shape(n, t)); // (B, T)
        NDArray attention = null;
        NDArray positions = null;
        if (padded) {
            long[] m = new long[n * cols];
            for (int r = 0; r < n; r++) {
                System.arraycopy(mask[active[r]], 0, m, r * cols, cols);
            }
            attention = s.create(m, new Shape(n, cols)); // (B, S) over cached and new positions
            if (incremental) {
                long[] pos = new long[n];
                for (int r = 0; r < n; r++) {
                    SequenceState st = states.get(active[r]);
                    pos[r] = st.promptLength() + st.length() - 1; // the fed token's position
                }
                positions = s.create(pos, new Shape(n, 1)); // (B, 1)
            } else {
                positions = TokenLogProbs.positionsFromMask(attention); // (B, T)
            }
        }
        NDArray hidden = model.hidden(inputIds, attention, positions, cache, false); // (B, T, d)
        NDArray last = t == 1 ? hidden : hidden.get(new NDIndex(":, -1:, :")); // (B, 1, d)
        NDArray logits = model.logits(last).squeeze(1); // (B, V)
        if (logits.getDataType() != DataType.FLOAT32) {
            logits = logits.toType(DataType.FLOAT32, false);
        }
        return logits.logSoftmax(1);
    }

    private static int[] dropFinished(int[] active, int still, List<SequenceState> states, KvCache cache,
            NDManager run) {
        int[] next = new int[still];
        long[] rows = new long[still];
        int k = 0;
        for (int r = 0; r < active.length; r++) {
            if (!states.get(active[r]).finished()) {
                next[k] = active[r];
                rows[k] = r;
                k++;
            }
        }
        if (cache != null && still > 0) {
            try (NDManager s = run.newSubManager()) {
                cache.select(s.create(rows));
            }
        }
        return next;
    }

    private void validate(List<int[]> prompts, SamplingConfig config) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts to generate from");
        }
        if (!config.stopStrings().isEmpty() && decoder == null) {
            throw new IllegalArgumentException("stop_strings " + config.stopStrings() + " need text: give the "
                    + "generator a decoder (the model's tokenizer) or use stop token ids");
        }
        int vocab = model.config().vocabSize();
        int context = model.config().maxPositions();
        for (int i = 0; i < prompts.size(); i++) {
            int[] p = prompts.get(i);
            if (p.length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty; give it at least one token (e.g. BOS)");
            }
            for (int id : p) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("prompt " + i + " has token id " + id
                            + " outside the model's vocabulary of " + vocab);
                }
            }
            if (p.length + config.maxNewTokens() > context) {
                throw new IllegalArgumentException("prompt " + i + " has " + p.length + " tokens; with max_new_tokens "
                        + config.maxNewTokens() + " that exceeds the model's context of " + context
                        + " positions; shorten the prompt or lower max_new_tokens");
            }
        }
        for (int id : config.eosIds()) {
            checkVocab("eos_token_id", id, vocab);
        }
        for (int id : config.stopTokenIds()) {
            checkVocab("stop_token_ids", id, vocab);
        }
    }

    private static void checkVocab(String field, int id, int vocab) {
        if (id >= vocab) {
            throw new IllegalArgumentException(field + ": token id " + id + " is outside the model's vocabulary of "
                    + vocab);
        }
    }

    private Device device() {
        return model.namedParameters().values().iterator().next().getArray().getDevice();
    }
}
