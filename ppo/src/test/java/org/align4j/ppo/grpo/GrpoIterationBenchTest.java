package org.align4j.ppo.grpo;

import java.nio.file.Path;
import org.align4j.ppo.train.BreakdownAssert;
import org.align4j.ppo.train.PpoIterationBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoIterationBenchTest {
    @TempDir Path tmp;

    @Test
    void theBreakdownCoversTheMeasuredIterationsAndItsSharesAddUp() {
        PpoIterationBench.Breakdown b = GrpoIterationBench.synthetic("grpo", "gpt2", "tiny", 2, 2, 4, 1, 2, tmp);
        BreakdownAssert.assertCovers(b, 2, "grpo");
    }
}
