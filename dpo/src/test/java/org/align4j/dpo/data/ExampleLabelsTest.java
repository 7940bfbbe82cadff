package org.align4j.dpo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;
import org.junit.jupiter.api.Test;

/** Example weights are relative: rescaled to mean 1, so weighting does not change the step size. */
class ExampleLabelsTest {
    @Test
    void pairWeightsKeepTheirRatiosAndAverageOne() {
        List<PreferencePair> pairs = List.of(PreferencePair.of("a", "b", "c").withWeight(0.7, "rater"),
                PreferencePair.of("d", "e", "f").withWeight(0.1, "random rater"),
                PreferencePair.of("g", "h", "i").withWeight(2.1, "unsafe × 3"),
                PreferencePair.of("j", "k", "l"));
        float[] w = ExampleLabels.ofPairs(pairs).weights();
        // sum 3.9 over 4 pairs: × 4 / 3.9
        assertThat(w[0]).isCloseTo(0.7f * 4 / 3.9f, within(1e-6f));
        assertThat(w[1]).isCloseTo(0.1f * 4 / 3.9f, within(1e-6f));
        assertThat(w[2]).isCloseTo(2.1f * 4 / 3.9f, within(1e-6f));
        assertThat(w[3]).isCloseTo(4 / 3.9f, within(1e-6f));
        assertThat(w[0] + w[1] + w[2] + w[3]).isCloseTo(4f, within(1e-5f));
        assertThat(ExampleLabels.ofPairs(List.of(PreferencePair.of("a", "b", "c")))).isNull();
    }

    @Test
    void ktoWeightsAverageOneAndAllZeroWeightsAreRefused() {
        List<ChatMessage> q1 = List.of(ChatMessage.user("q1"));
        List<ChatMessage> q2 = List.of(ChatMessage.user("q2"));
        KtoExamples k = KtoExamples.of(List.of(new UnpairedExample(q1, "yes", true, 0.6, "dr-a", "dr-a", "1"),
                new UnpairedExample(q2, "no", false, 0.2, "dr-b", "dr-b", "2")));
        assertThat(k.labels().weights()).containsExactly(1.5f, 0.5f);
        assertThat(k.labels().desirable()).containsExactly(1f, 0f);
        assertThatThrownBy(() -> ExampleLabels.meanOne(new float[] {0f, 0f}))
                .hasMessageContaining("every one of the 2 training rows weighs 0");
    }
}
