package org.align4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.NoGrad;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cached and uncached decoding agree, left padding changes nothing, and the log-probs are the model's. */
class GeneratorCacheTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "qwen2"})
    void cachedAndUncachedGreedyDecodingGiveTheSameTokensAndLogProbs(String arch) {
        try (PretrainedModel model = TinyModels.create(arch, 7)) {
            Generator generator = new Generator(model.causalLm());
            List<int[]> prompts = TinyModels.prompts(3, 5, 1, 9, 3); // different lengths: left padding
            SamplingConfig cached = SamplingConfig.builder().maxNewTokens(20).build();
            List<GeneratedSequence> a = generator.generate(prompts, cached);
            List<GeneratedSequence> b = generator.generate(prompts, cached.toBuilder().useCache(false).build());
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(a.get(i).tokens()).as("prompt %d", i).hasSize(20).containsExactly(b.get(i).tokens());
                assertClose(a.get(i).logProbs(), b.get(i).logProbs(), 1e-4);
                assertThat(a.get(i).finishReason()).isEqualTo(FinishReason.LENGTH);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "qwen2"})
    void aLeftPaddedBatchGivesWhatEachPromptGivesAlone(String arch) {
        try (PretrainedModel model = TinyModels.create(arch, 11)) {
            Generator generator = new Generator(model.causalLm());
            List<int[]> prompts = TinyModels.prompts(5, 2, 8, 4);
            SamplingConfig config = SamplingConfig.builder().maxNewTokens(10).build();
            List<GeneratedSequence> batched = generator.generate(prompts, config);
            for (int i = 0; i < prompts.size(); i++) {
                GeneratedSequence alone = generator.generate(List.of(prompts.get(i)), config).get(0);
                assertThat(batched.get(i).tokens()).as("prompt %d", i).containsExactly(alone.tokens());
                assertClose(batched.get(i).logProbs(), alone.logProbs(), 1e-4);
                assertThat(batched.get(i).promptIds()).containsExactly(prompts.get(i));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sampledLogProbsAreThoseOfTheUnmodifiedModelDistribution(boolean useCache) {
        try (PretrainedModel model = TinyModels.create("llama", 13); NDManager m = NDManager.newBaseManager();
                NoGrad ignored = NoGrad.enter()) {
            Generator generator = new Generator(model.causalLm());
            List<int[]> prompts = TinyModels.prompts(9, 3, 6);
            // Temperature, top-k and top-p change what is sampled, not the reported log-probs.
            SamplingConfig config = SamplingConfig.builder().maxNewTokens(12).temperature(0.7).topK(20).topP(0.9)
                    .seed(5).useCache(useCache).build();
            for (GeneratedSequence g : generator.generate(prompts, config)) {
                int p = g.promptIds().length;
                long[] all = new long[p + g.tokens().length];
                for (int t = 0; t < p; t++) {
                    all[t] = g.promptIds()[t];
                }
                for (int t = 0; t < g.tokens().length; t++) {
                    all[p + t] = g.tokens()[t];
                }
                NDArray ids = m.create(all, new Shape(1, all.length));
                float[] scored = TokenLogProbs.perToken(model.causalLm(), ids, null, false).toFloatArray();
                float[] completion = java.util.Arrays.copyOfRange(scored, p - 1, scored.length);
                assertClose(g.logProbs(), completion, 1e-4);
                assertThat(g.sumLogProb()).isNegative();
            }
        }
    }

    static void assertClose(float[] actual, float[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("index %d", i).isCloseTo(expected[i], within(tol));
        }
    }
}
