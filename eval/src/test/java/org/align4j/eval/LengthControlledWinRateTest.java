package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LengthControlledWinRateTest {
    @Test
    void withoutALengthEffectItIsTheRawWinRate() {
        // wins spread so that Σ (y − p) x = 0 at b = 0: length carries no information, σ(a) = 6/8
        double[] outcomes = {1, 1, 1, 1, 1, 0, 0, 1};
        double[] diff = {-2, -1, 1, 2, -2, -1, 1, 2};
        assertThat(LengthControlledWinRate.of(outcomes, diff)).isCloseTo(0.75, within(1e-6));
        assertThat(LengthControlledWinRate.of(new double[] {0.5, 0.5, 0.5}, new double[] {3, -1, 0}))
                .isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aModelThatWinsOnlyByWritingLongerIsPulledTowardsAHalf() {
        // mostly wins where its answer is longer, and it is longer on 6 of 8 prompts: raw win rate 0.625
        double[] outcomes = {1, 1, 1, 1, 1, 0, 0, 0};
        double[] diff = {10, 12, 8, 9, 11, 10, -10, -9};
        double lc = LengthControlledWinRate.of(outcomes, diff);
        assertThat(lc).isLessThan(0.625).isGreaterThan(0.0);
        // the control is symmetric: winning by being shorter is taken out the same way (x → −x, b → −b)
        double[] mirrored = {-10, -12, -8, -9, -11, -10, 10, 9};
        assertThat(LengthControlledWinRate.of(outcomes, mirrored)).isCloseTo(lc, within(1e-9));
    }

    @Test
    void emptyIsNanAndMismatchedInputsAreRefused() {
        assertThat(LengthControlledWinRate.of(new double[0], new double[0])).isNaN();
        assertThatThrownBy(() -> LengthControlledWinRate.of(new double[2], new double[3]))
                .hasMessageContaining("2 outcomes but 3 length differences");
    }
}
