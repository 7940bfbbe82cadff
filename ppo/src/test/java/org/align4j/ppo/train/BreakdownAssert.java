package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What every RL iteration benchmark's breakdown must show, whatever the algorithm. */
public final class BreakdownAssert {
    private BreakdownAssert() {}

    /**
     * {@code b} covers {@code iterations} measured iterations, each phase took time, the phases' shares add up
     * to 1, and its summary starts with {@code "<algorithm> iteration "}.
     */
    public static void assertCovers(PpoIterationBench.Breakdown b, int iterations, String algorithm) {
        assertThat(b.iterations()).isEqualTo(iterations);
        assertThat(b.generationSeconds()).isPositive();
        assertThat(b.scoringSeconds()).isPositive();
        assertThat(b.trainingSeconds()).isPositive();
        assertThat(b.generationShare() + b.scoringShare() + b.trainingShare()).isCloseTo(1.0, within(1e-9));
        assertThat(b.format()).startsWith(algorithm + " iteration ").contains("generation").contains("training");
    }
}
