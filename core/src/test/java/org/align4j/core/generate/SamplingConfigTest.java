package org.align4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingConfigTest {

    @Test
    void defaultsAreGreedyWithTheCache() {
        SamplingConfig c = SamplingConfig.builder().build();
        assertThat(c.greedy()).isTrue();
        assertThat(c.useCache()).isTrue();
        assertThat(c.topK()).isZero();
        assertThat(c.topP()).isEqualTo(1.0);
        assertThat(SamplingConfig.greedy(5, List.of(2)).eosIds()).containsExactly(2);
        assertThat(c.toBuilder().temperature(0.5).build().greedy()).isFalse();
    }

    @Test
    void invalidSettingsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> SamplingConfig.builder().maxNewTokens(0).build())
                .hasMessageContaining("max_new_tokens").hasMessageContaining("got 0");
        assertThatThrownBy(() -> SamplingConfig.builder().temperature(-0.1).build())
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> SamplingConfig.builder().temperature(Double.NaN).build())
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> SamplingConfig.builder().topK(-1).build()).hasMessageContaining("top_k");
        assertThatThrownBy(() -> SamplingConfig.builder().topP(0).build()).hasMessageContaining("top_p");
        assertThatThrownBy(() -> SamplingConfig.builder().topP(1.5).build()).hasMessageContaining("top_p");
        assertThatThrownBy(() -> SamplingConfig.builder().eosIds(List.of(-1)).build())
                .hasMessageContaining("eos_token_id");
        assertThatThrownBy(() -> SamplingConfig.builder().stopTokenIds(List.of(-2)).build())
                .hasMessageContaining("stop_token_ids");
        assertThatThrownBy(() -> SamplingConfig.builder().stopStrings(List.of("")).build())
                .hasMessageContaining("stop_strings");
    }
}
