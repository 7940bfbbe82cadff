package org.align4j.core.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
    @Test
    void copyWithChangesOnlyTheNamedFields() {
        TrainConfig d = TrainConfig.defaults();
        TrainConfig c = d.withOutputDir("runs/x").withLr(1e-5).withSchedule("linear").withEpochs(1).withSaveEvery(0)
                .withResume(true).withOverwriteOutputDir(true).withSeed(7).withMaxSteps(9).withLogEvery(3)
                .withEvalEvery(4).withWarmupSteps(2).withBatchSize(5);
        assertThat(c.outputDir()).isEqualTo("runs/x");
        assertThat(c.lr()).isEqualTo(1e-5);
        assertThat(c.schedule()).isEqualTo("linear");
        assertThat(c.epochs()).isEqualTo(1);
        assertThat(c.saveEvery()).isZero();
        assertThat(c.resume()).isTrue();
        assertThat(c.overwriteOutputDir()).isTrue();
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.maxSteps()).isEqualTo(9);
        assertThat(c.logEvery()).isEqualTo(3);
        assertThat(c.evalEvery()).isEqualTo(4);
        assertThat(c.warmupSteps()).isEqualTo(2);
        assertThat(c.batchSize()).isEqualTo(5);
        // everything else is the original's
        assertThat(c.withOutputDir(d.outputDir()).withLr(d.lr()).withSchedule(d.schedule()).withEpochs(d.epochs())
                .withSaveEvery(d.saveEvery()).withResume(d.resume()).withOverwriteOutputDir(d.overwriteOutputDir())
                .withSeed(d.seed()).withMaxSteps(d.maxSteps()).withLogEvery(d.logEvery()).withEvalEvery(d.evalEvery())
                .withWarmupSteps(d.warmupSteps()).withBatchSize(d.batchSize())).isEqualTo(d);
    }

    @Test
    void aCopyIsValidatedLikeAnyConfig() {
        assertThatThrownBy(() -> TrainConfig.defaults().withLr(-1)).hasMessageContaining("lr");
        assertThatThrownBy(() -> TrainConfig.defaults().withSchedule("step")).hasMessageContaining("schedule");
    }
}
