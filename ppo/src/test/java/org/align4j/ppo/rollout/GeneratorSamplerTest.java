package org.align4j.ppo.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.config.GenerationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSamplerTest {
    @TempDir Path tmp;
    static final int[][] PROMPTS = {{5, 9, 40, 41}, {7, 8}, {100, 101, 102}};

    @Test
    void answersEndAtAStopTokenOrAreMarkedCutAndTheSeedDecidesTheDraw() {
        try (PretrainedModel m = HfCheckpoint.load(TinyModels.policy(tmp.resolve("policy"), 5))) {
            int vocab = m.config().vocabSize();
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < vocab; i++) {
                all.add(i);
            }
            Sampler.Samples stops = new GeneratorSampler(new GenerationSettings(5, 1.0, 0, 1), all, List.of())
                    .sample(m.causalLm(), PROMPTS, 1);
            for (int i = 0; i < PROMPTS.length; i++) {
                assertThat(stops.answers()[i]).hasSize(1);
                assertThat(stops.stopped()[i]).isTrue();
            }
            // an end-of-turn stop token counts as stopping too
            Sampler.Samples turn = new GeneratorSampler(new GenerationSettings(5, 1.0, 0, 1), List.of(), all)
                    .sample(m.causalLm(), PROMPTS, 1);
            assertThat(turn.stopped()).containsOnly(true);

            GeneratorSampler rare = new GeneratorSampler(new GenerationSettings(3, 1.0, 0, 1), List.of(vocab - 1), List.of());
            Sampler.Samples a = rare.sample(m.causalLm(), PROMPTS, 11);
            Sampler.Samples b = rare.sample(m.causalLm(), PROMPTS, 11);
            Sampler.Samples c = rare.sample(m.causalLm(), PROMPTS, 12);
            assertThat(b.answers()).isDeepEqualTo(a.answers());
            assertThat(Arrays.deepEquals(c.answers(), a.answers())).isFalse();
            for (int i = 0; i < PROMPTS.length; i++) {
                int[] ans = a.answers()[i];
                assertThat(a.stopped()[i]).isEqualTo(ans[ans.length - 1] == vocab - 1);
                if (!a.stopped()[i]) {
                    assertThat(ans).hasSize(3);
                }
            }
        }
    }

    @Test
    void theGreedyVariantIgnoresTheSeedAndKeepsTheStops() {
        try (PretrainedModel m = HfCheckpoint.load(TinyModels.policy(tmp.resolve("policy"), 5))) {
            int vocab = m.config().vocabSize();
            GeneratorSampler sampled = new GeneratorSampler(new GenerationSettings(6, 1.0, 0, 1), List.of(vocab - 1),
                    List.of());
            GeneratorSampler greedy = sampled.greedy();
            assertThat(greedy.settings().greedy()).isTrue();
            assertThat(greedy.settings().eosIds()).containsExactly(vocab - 1);
            assertThat(greedy.settings().maxNewTokens()).isEqualTo(6);
            assertThat(greedy.sample(m.causalLm(), PROMPTS, 1).answers())
                    .isDeepEqualTo(greedy.sample(m.causalLm(), PROMPTS, 99).answers());
        }
    }
}
