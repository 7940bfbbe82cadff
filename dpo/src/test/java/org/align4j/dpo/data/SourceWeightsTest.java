package org.align4j.dpo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.junit.jupiter.api.Test;

class SourceWeightsTest {
    private static PreferencePair pair(String source, Double weight) {
        return PreferencePair.of("q", "good", "bad").with(null, source, null).withWeight(weight, null);
    }

    @Test
    void aFactorMultipliesThePairsOwnWeightOrOne() {
        List<PreferencePair> pairs = List.of(pair("terse", null), pair("terse", 0.5), pair("vague", null),
                pair(null, 2.0));
        List<PreferencePair> out = SourceWeights.apply(pairs, Map.of("terse", 4.0));
        assertThat(out).extracting(PreferencePair::weight).containsExactly(4.0, 2.0, null, 2.0);
        // the loss normalises weights to mean 1: (4, 2, 1, 2) / 2.25
        assertThat(ExampleLabels.ofPairs(out).weights())
                .containsExactly(new float[] {4 / 2.25f, 2 / 2.25f, 1 / 2.25f, 2 / 2.25f}, within(1e-6f));
        assertThat(SourceWeights.describe(out, Map.of("terse", 4.0))).isEqualTo("terse ×4.0 (2 pairs)");
        assertThat(SourceWeights.apply(pairs, Map.of())).isSameAs(pairs);
    }

    @Test
    void aSourceNoTrainingPairHasIsRefusedWithTheSourcesThereAre() {
        List<PreferencePair> pairs = List.of(pair("gen/terse", null), pair(null, null));
        assertThatThrownBy(() -> SourceWeights.apply(pairs, Map.of("gen/tersse", 4.0)))
                .hasMessageContaining("data.source_weights: no training pair has source \"gen/tersse\"")
                .hasMessageContaining("[gen/terse]").hasMessageContaining("fix the name");
    }
}
