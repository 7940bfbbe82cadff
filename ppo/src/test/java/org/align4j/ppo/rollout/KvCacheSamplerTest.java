package org.align4j.ppo.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.config.GenerationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvCacheSamplerTest {
    @TempDir static Path tmp;
    static PretrainedModel model;
    static final int PAD = 0;
    static final int[][] PROMPTS = {{5, 9, 40, 41, 42, 43}, {7, 8}, {100, 101, 102}};

    @BeforeAll
    static void load() {
        model = HfCheckpoint.load(TinyModels.policy(tmp.resolve("policy"), 5));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Greedy decoding of one prompt with a full forward pass per token: no cache, no padding. */
    static int[] greedyWithoutCache(CausalLanguageModel lm, int[] prompt, int steps) {
        int[] seq = prompt.clone();
        try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager()) {
            for (int s = 0; s < steps; s++) {
                NDArray logits = lm.forward(m.create(Arrays.stream(seq).asLongStream().toArray(), new Shape(1, seq.length)),
                        false); // (1, T, V)
                int next = (int) logits.get(new NDIndex("0, -1, :")).argMax().toType(ai.djl.ndarray.types.DataType.INT64,
                        false).getLong();
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    @Test
    void greedyAnswersOfALeftPaddedBatchMatchUnbatchedDecodingWithoutCache() {
        KvCacheSampler sampler = new KvCacheSampler(new GenerationConfig(6, 0, 0, 1), Set.of(299), PAD);
        Sampler.Samples s = sampler.sample(model.causalLm(), PROMPTS, 1);
        for (int i = 0; i < PROMPTS.length; i++) {
            int[] expected = greedyWithoutCache(model.causalLm(), PROMPTS[i], 6);
            int stop = 0;
            while (stop < expected.length - 1 && expected[stop] != 299) {
                stop++;
            }
            assertThat(s.answers()[i]).containsExactly(Arrays.copyOf(expected, stop + 1));
        }
    }

    @Test
    void theSameSeedGivesTheSameAnswersAndAnotherSeedOthers() {
        KvCacheSampler sampler = new KvCacheSampler(new GenerationConfig(8, 1.0, 0, 1), Set.of(299), PAD);
        Sampler.Samples a = sampler.sample(model.causalLm(), PROMPTS, 11);
        Sampler.Samples b = sampler.sample(model.causalLm(), PROMPTS, 11);
        Sampler.Samples c = sampler.sample(model.causalLm(), PROMPTS, 12);
        assertThat(b.answers()).isDeepEqualTo(a.answers());
        assertThat(Arrays.deepEquals(c.answers(), a.answers())).isFalse();
    }

    @Test
    void topKOfOneIsGreedy() {
        Sampler.Samples greedy = new KvCacheSampler(new GenerationConfig(5, 0, 0, 1), Set.of(299), PAD)
                .sample(model.causalLm(), PROMPTS, 3);
        Sampler.Samples topOne = new KvCacheSampler(new GenerationConfig(5, 0.7, 1, 1), Set.of(299), PAD)
                .sample(model.causalLm(), PROMPTS, 3);
        Sampler.Samples tinyNucleus = new KvCacheSampler(new GenerationConfig(5, 1.3, 0, 1e-6), Set.of(299), PAD)
                .sample(model.causalLm(), PROMPTS, 3);
        assertThat(topOne.answers()).isDeepEqualTo(greedy.answers());
        assertThat(tinyNucleus.answers()).isDeepEqualTo(greedy.answers());
    }

    @Test
    void rowsStopAtTheirFirstStopTokenAndCutRowsAreMarked() {
        int vocab = model.config().vocabSize();
        // every token but one stops: answers are one token long unless that token is drawn
        Set<Integer> allStop = new java.util.HashSet<>();
        for (int i = 1; i < vocab; i++) {
            allStop.add(i);
        }
        Sampler.Samples s = new KvCacheSampler(new GenerationConfig(4, 1.0, 0, 1), allStop, PAD)
                .sample(model.causalLm(), PROMPTS, 9);
        for (int i = 0; i < PROMPTS.length; i++) {
            int[] a = s.answers()[i];
            assertThat(s.stopped()[i]).isEqualTo(allStop.contains(a[a.length - 1]));
            for (int t = 0; t < a.length - 1; t++) {
                assertThat(a[t]).isEqualTo(0);
            }
        }
        Sampler.Samples none = new KvCacheSampler(new GenerationConfig(4, 1.0, 0, 1), Set.of(-1), PAD)
                .sample(model.causalLm(), PROMPTS, 9);
        for (int i = 0; i < PROMPTS.length; i++) {
            assertThat(none.answers()[i]).hasSize(4);
            assertThat(none.stopped()[i]).isFalse();
        }
    }
}
