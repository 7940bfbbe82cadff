package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountOptionsTest {
    @Test
    void oneOrMoreIsReturnedAsGiven() {
        assertThat(CountOptions.atLeastOne("--threads", 1)).isEqualTo(1);
        assertThat(CountOptions.atLeastOne("--threads", 12)).isEqualTo(12);
    }

    @Test
    void lessThanOneIsRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> CountOptions.atLeastOne("--samples-per-prompt", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--samples-per-prompt must be >= 1, got 0");
        assertThatThrownBy(() -> CountOptions.atLeastOne("--threads", -3)).hasMessage("--threads must be >= 1, got -3");
    }
}
