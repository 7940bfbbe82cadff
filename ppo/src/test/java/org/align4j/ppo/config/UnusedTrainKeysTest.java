package org.align4j.ppo.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.align4j.core.train.config.TrainConfig;
import org.junit.jupiter.api.Test;

class UnusedTrainKeysTest {
    private static final UnusedTrainKeys KEYS = new UnusedTrainKeys("X", "; x.iterations", "; x.epochs", "; x.batches",
            "; x.eval", "; no early stopping");

    @Test
    void theDefaultsPassAndAKeySetAwayFromItsDefaultIsNamedWithWhatToUseInstead() {
        TrainConfig d = TrainConfig.defaults();
        assertThatCode(() -> KEYS.check(d)).doesNotThrowAnyException();
        assertThatThrownBy(() -> KEYS.check(d.withMaxSteps(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train.max_steps: does not apply to X; x.iterations; remove it");
        assertThatThrownBy(() -> KEYS.check(d.withBatchSize(d.batchSize() + 1)))
                .hasMessage("train.batch_size: does not apply to X; x.batches; remove it");
        assertThatThrownBy(() -> KEYS.check(d.withEvalEvery(d.evalEvery() + 1)))
                .hasMessage("train.eval_every: does not apply to X; x.eval; remove it");
    }
}
