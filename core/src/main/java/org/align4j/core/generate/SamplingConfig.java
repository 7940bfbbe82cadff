package org.align4j.core.generate;

import java.util.List;

/**
 * How {@link Generator} decodes: the length limit, the sampling warpers (applied in Hugging Face's
 * order: temperature, then top-k, then top-p), the seed and when a sequence stops.
 *
 * @param maxNewTokens the most tokens generated per prompt (> 0)
 * @param temperature 0 for greedy decoding (argmax), else logits are divided by it before sampling
 * @param topK keep only the k most likely tokens; 0 keeps all
 * @param topP nucleus sampling: keep the most likely tokens whose probabilities sum to at least top_p;
 *     1 keeps all
 * @param seed seeds the sampler; each prompt draws from its own stream split off this seed, so a
 *     sequence does not depend on when the others in its batch stop
 * @param eosIds tokens that end a sequence (finish reason {@code eos}); kept as its last token
 * @param stopTokenIds further tokens that end a sequence (finish reason {@code stop_token}); kept
 * @param stopStrings texts that end a sequence once the decoded completion contains one (finish reason
 *     {@code stop_string}); the text is cut before it, the tokens keep the one that completed it;
 *     needs a decoder
 * @param useCache reuse keys/values of earlier positions (one new token per step) instead of running
 *     the whole sequence each step; both give the same tokens under greedy decoding
 */
public record SamplingConfig(int maxNewTokens, double temperature, int topK, double topP, long seed,
        List<Integer> eosIds, List<Integer> stopTokenIds, List<String> stopStrings, boolean useCache) {

    public SamplingConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max_new_tokens: must be > 0, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k: must be >= 0 (0 = no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p: must be in (0, 1] (1 = no limit), got " + topP);
        }
        eosIds = List.copyOf(eosIds);
        stopTokenIds = List.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
        for (int id : eosIds) {
            checkId("eos_token_id", id);
        }
        for (int id : stopTokenIds) {
            checkId("stop_token_ids", id);
        }
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop_strings: an empty string would stop at once; remove it");
            }
        }
    }

    /** Greedy decoding of at most {@code maxNewTokens}, with the cache, stopping at {@code eosIds}. */
    public static SamplingConfig greedy(int maxNewTokens, List<Integer> eosIds) {
        return builder().maxNewTokens(maxNewTokens).eosIds(eosIds).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().maxNewTokens(maxNewTokens).temperature(temperature).topK(topK).topP(topP).seed(seed)
                .eosIds(eosIds).stopTokenIds(stopTokenIds).stopStrings(stopStrings).useCache(useCache);
    }

    /** Whether decoding is greedy (temperature 0). */
    public boolean greedy() {
        return temperature == 0;
    }

    private static void checkId(String field, int id) {
        if (id < 0) {
            throw new IllegalArgumentException(field + ": token ids must be >= 0, got " + id);
        }
    }

    /** Builds a {@link SamplingConfig}; the defaults are greedy decoding of 64 tokens with the cache. */
    public static final class Builder {
        private int maxNewTokens = 64; // enough for a short answer; callers set their own limit
        private double temperature;
        private int topK;
        private double topP = 1.0;
        private long seed = 42;
        private List<Integer> eosIds = List.of();
        private List<Integer> stopTokenIds = List.of();
        private List<String> stopStrings = List.of();
        private boolean useCache = true;

        private Builder() {}

        public Builder maxNewTokens(int v) {
            maxNewTokens = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder topK(int v) {
            topK = v;
            return this;
        }

        public Builder topP(double v) {
            topP = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder eosIds(List<Integer> v) {
            eosIds = v;
            return this;
        }

        public Builder stopTokenIds(List<Integer> v) {
            stopTokenIds = v;
            return this;
        }

        public Builder stopStrings(List<String> v) {
            stopStrings = v;
            return this;
        }

        public Builder useCache(boolean v) {
            useCache = v;
            return this;
        }

        public SamplingConfig build() {
            return new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, eosIds, stopTokenIds,
                    stopStrings, useCache);
        }
    }
}
