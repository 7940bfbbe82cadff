package org.align4j.core.train.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void aFractionMayBeZeroButNotOneNorNegativeNorNan() {
        assertThatCode(() -> Checks.fraction("eval_fraction", 0)).doesNotThrowAnyException();
        assertThatCode(() -> Checks.fraction("eval_fraction", 0.999)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.fraction("eval_fraction", 1))
                .hasMessage("eval_fraction: must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Checks.fraction("eval_fraction", -0.1))
                .hasMessage("eval_fraction: must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> Checks.fraction("eval_fraction", Double.NaN))
                .hasMessage("eval_fraction: must be in [0, 1), got NaN");
    }
}
