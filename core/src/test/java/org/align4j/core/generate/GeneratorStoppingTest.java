package org.align4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sequences stop one by one, reproducibly, and bad requests are refused with a reason. */
class GeneratorStoppingTest {
    /** Token 7 reads "t7 ": every token is visible in the text. */
    private static final TokenDecoder DECODER =
            ids -> Arrays.stream(ids).mapToObj(i -> "t" + i + " ").collect(Collectors.joining());

    private static PretrainedModel model;
    private static Generator generator;

    @BeforeAll
    static void load() {
        model = TinyModels.create("gpt2", 21);
        generator = new Generator(model.causalLm(), DECODER);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static final List<int[]> PROMPTS = TinyModels.prompts(17, 4, 6, 2);
    private static final SamplingConfig SAMPLED =
            SamplingConfig.builder().maxNewTokens(16).temperature(1.0).topK(40).seed(123).build();

    /** The first token of {@code seq} not seen before position 2: a stop token that ends it at that point. */
    private static int firstNewTokenFrom(int[] seq, int from) {
        for (int i = from; i < seq.length; i++) {
            int tok = seq[i];
            if (Arrays.stream(seq, 0, i).noneMatch(x -> x == tok)) {
                return i;
            }
        }
        throw new AssertionError("no fresh token in " + Arrays.toString(seq));
    }

    private static int firstIndexOf(int[] seq, int tok) {
        for (int i = 0; i < seq.length; i++) {
            if (seq[i] == tok) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theSameSeedGivesTheSameSamplesWhateverTheEngineRandomState() {
        Engine.getInstance().setRandomSeed(1);
        List<GeneratedSequence> a = generator.generate(PROMPTS, SAMPLED);
        Engine.getInstance().setRandomSeed(999);
        List<GeneratedSequence> b = generator.generate(PROMPTS, SAMPLED);
        List<GeneratedSequence> c = generator.generate(PROMPTS, SAMPLED.toBuilder().seed(124).build());
        boolean anyDifferent = false;
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertThat(a.get(i).tokens()).containsExactly(b.get(i).tokens());
            assertThat(a.get(i).logProbs()).containsExactly(b.get(i).logProbs());
            anyDifferent |= !Arrays.equals(a.get(i).tokens(), c.get(i).tokens());
        }
        assertThat(anyDifferent).as("another seed draws other tokens").isTrue();
    }

    @Test
    void aSequenceStopsAtEosWhileTheOthersContinueUnchanged() {
        List<GeneratedSequence> free = generator.generate(PROMPTS, SAMPLED);
        int[] first = free.get(0).tokens();
        int at = firstNewTokenFrom(first, 2);
        int eos = first[at];
        List<GeneratedSequence> stopped = generator.generate(PROMPTS, SAMPLED.toBuilder().eosIds(List.of(eos)).build());
        GeneratedSequence s0 = stopped.get(0);
        assertThat(s0.tokens()).containsExactly(Arrays.copyOf(first, at + 1)); // EOS kept as the last token
        assertThat(s0.logProbs()).hasSize(at + 1);
        assertThat(s0.finishReason()).isEqualTo(FinishReason.EOS);
        assertThat(s0.endedWithEos()).isTrue();
        for (int i = 1; i < PROMPTS.size(); i++) {
            int[] expected = free.get(i).tokens();
            int cut = firstIndexOf(expected, eos);
            GeneratedSequence si = stopped.get(i);
            if (cut >= 0) {
                assertThat(si.tokens()).containsExactly(Arrays.copyOf(expected, cut + 1));
                assertThat(si.finishReason()).isEqualTo(FinishReason.EOS);
            } else {
                assertThat(si.tokens()).containsExactly(expected);
                assertThat(si.finishReason()).isEqualTo(FinishReason.LENGTH);
            }
            GeneratorCacheTest.assertClose(si.logProbs(), Arrays.copyOf(free.get(i).logProbs(), si.tokens().length),
                    1e-4);
        }
    }

    @Test
    void stopTokensAndStopStringsEndASequence() {
        SamplingConfig sampled = SAMPLED.toBuilder().maxNewTokens(12).build(); // seeded: reproducible
        GeneratedSequence free = generator.generate(PROMPTS.subList(1, 2), sampled).get(0);
        assertThat(free.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(free.text()).isEqualTo(DECODER.decode(free.tokens()));
        int at = firstNewTokenFrom(free.tokens(), 1);
        int tok = free.tokens()[at];

        GeneratedSequence byToken = generator.generate(PROMPTS.subList(1, 2),
                sampled.toBuilder().stopTokenIds(List.of(tok)).build()).get(0);
        assertThat(byToken.tokens()).containsExactly(Arrays.copyOf(free.tokens(), at + 1));
        assertThat(byToken.finishReason()).isEqualTo(FinishReason.STOP_TOKEN);
        assertThat(byToken.endedWithEos()).isFalse();

        GeneratedSequence byString = generator.generate(PROMPTS.subList(1, 2),
                sampled.toBuilder().stopStrings(List.of("t" + tok + " ", "never")).build()).get(0);
        assertThat(byString.tokens()).containsExactly(Arrays.copyOf(free.tokens(), at + 1));
        assertThat(byString.finishReason()).isEqualTo(FinishReason.STOP_STRING);
        assertThat(byString.text()).isEqualTo(DECODER.decode(Arrays.copyOf(free.tokens(), at))); // cut before it
    }

    @Test
    void withoutADecoderThereIsNoTextAndNoStopString() {
        Generator plain = new Generator(model.causalLm());
        GeneratedSequence g = plain.generate(PROMPTS.subList(0, 1), SamplingConfig.greedy(3, List.of())).get(0);
        assertThat(g.text()).isNull();
        assertThat(g.tokens()).hasSize(3);
        assertThatThrownBy(() -> plain.generate(PROMPTS, SamplingConfig.builder().stopStrings(List.of("x")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decoder");
    }

    @Test
    void badPromptsAreRefusedWithTheReason() {
        SamplingConfig c = SamplingConfig.greedy(4, List.of());
        assertThatThrownBy(() -> generator.generate(List.of(), c)).hasMessageContaining("no prompts");
        assertThatThrownBy(() -> generator.generate(List.of(new int[] {1}, new int[0]), c))
                .hasMessageContaining("prompt 1 is empty");
        assertThatThrownBy(() -> generator.generate(List.of(new int[] {1, TinyModels.VOCAB}), c))
                .hasMessageContaining("prompt 0").hasMessageContaining("token id " + TinyModels.VOCAB);
        int context = model.config().maxPositions();
        assertThatThrownBy(() -> generator.generate(List.of(new int[context - 3]), c))
                .hasMessageContaining("exceeds the model's context of " + context);
        assertThatThrownBy(() -> generator.generate(PROMPTS, SamplingConfig.greedy(4, List.of(TinyModels.VOCAB))))
                .hasMessageContaining("eos_token_id");
    }
}
