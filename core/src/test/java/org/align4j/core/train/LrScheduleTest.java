package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static final double EPS = 1e-12;

    @Test
    void warmupRisesLinearlyFromPeakOverWarmupToPeak() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.COSINE, 1e-3, 4, 100, 0.0);
        assertThat(s.at(0)).isCloseTo(0.25e-3, within(EPS));
        assertThat(s.at(1)).isCloseTo(0.50e-3, within(EPS));
        assertThat(s.at(3)).isCloseTo(1.00e-3, within(EPS));
        assertThat(s.at(4)).isCloseTo(1.00e-3, within(EPS)); // decay starts from the peak
    }

    @Test
    void cosineIsHalfwayAtTheMiddleOfTheDecayAndApproachesTheMinimum() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.COSINE, 2.0, 0, 10, 0.1);
        // min = 0.2; at progress 0.5: 0.2 + 1.8 * 0.5 * (1 + cos(pi/2)) = 1.1
        assertThat(s.at(5)).isCloseTo(1.1, within(EPS));
        // progress 0.9: 0.2 + 1.8 * 0.5 * (1 + cos(0.9 pi))
        assertThat(s.at(9)).isCloseTo(0.2 + 0.9 * (1 + Math.cos(0.9 * Math.PI)), within(EPS));
        assertThat(s.at(50)).isCloseTo(0.2, within(EPS)); // past the end: the minimum
    }

    @Test
    void linearDecaysInEqualStepsToZero() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.LINEAR, 1.0, 2, 6, 0.0);
        assertThat(new double[] {s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(5)})
                .containsExactly(new double[] {0.5, 1.0, 1.0, 0.75, 0.5, 0.25}, within(EPS));
    }

    @Test
    void constantStaysAtThePeakAfterWarmup() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.CONSTANT, 3e-4, 1, 5, 0.0);
        assertThat(s.at(0)).isCloseTo(3e-4, within(EPS));
        assertThat(s.at(4)).isCloseTo(3e-4, within(EPS));
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new LrSchedule(LrSchedule.Kind.COSINE, 0.0, 0, 10, 0))
                .hasMessageStartingWith("lr:");
        assertThatThrownBy(() -> new LrSchedule(LrSchedule.Kind.COSINE, 1.0, 11, 10, 0))
                .hasMessageStartingWith("warmup_steps:");
        assertThatThrownBy(() -> new LrSchedule(LrSchedule.Kind.COSINE, 1.0, 0, 10, 1.5))
                .hasMessageStartingWith("min_lr_ratio:");
        assertThatThrownBy(() -> LrSchedule.Kind.parse("exponential"))
                .hasMessageContaining("[constant, linear, cosine]");
    }
}
