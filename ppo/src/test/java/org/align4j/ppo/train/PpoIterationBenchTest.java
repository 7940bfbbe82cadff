package org.align4j.ppo.train;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoIterationBenchTest {
    @TempDir Path tmp;

    @Test
    void theBreakdownCoversTheMeasuredIterationsAndItsSharesAddUp() {
        PpoIterationBench.Breakdown b = PpoIterationBench.synthetic("gpt2", "tiny", 4, 4, 1, 2, tmp);
        BreakdownAssert.assertCovers(b, 2, "ppo");
    }
}
