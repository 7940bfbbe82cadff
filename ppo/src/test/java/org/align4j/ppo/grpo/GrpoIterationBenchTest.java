package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.align4j.ppo.train.PpoIterationBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoIterationBenchTest {
    @TempDir Path tmp;

    @Test
    void theBreakdownCoversTheMeasuredIterationsAndItsSharesAddUp() {
        PpoIterationBench.Breakdown b = GrpoIterationBench.synthetic("grpo", "gpt2", "tiny", 2, 2, 4, 1, 2, tmp);
        assertThat(b.iterations()).isEqualTo(2);
        assertThat(b.generationSeconds()).isPositive();
        assertThat(b.scoringSeconds()).isPositive();
        assertThat(b.trainingSeconds()).isPositive();
        assertThat(b.generationShare() + b.scoringShare() + b.trainingShare()).isCloseTo(1.0, within(1e-9));
        assertThat(b.format()).startsWith("grpo iteration ").contains("generation").contains("training");
    }
}
