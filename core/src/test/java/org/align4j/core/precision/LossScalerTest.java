package org.align4j.core.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossScalerTest {
    @TempDir Path tmp;

    @Test
    void startsAtGradScalersDefaultScale() {
        assertThat(new LossScaler().scale()).isEqualTo(65536.0);
    }

    @Test
    void anOverflowSkipsTheStepHalvesTheScaleAndRestartsTheGoodStepCount() {
        LossScaler s = new LossScaler(1024, 2, 0.5, 3);
        assertThat(s.update(true, 1)).isEqualTo(LossScaler.Decision.STEP);
        assertThat(s.goodSteps()).isEqualTo(1);
        assertThat(s.update(false, 2)).isEqualTo(LossScaler.Decision.SKIP_AND_SHRINK);
        assertThat(s.scale()).isEqualTo(512.0);
        assertThat(s.goodSteps()).isZero();
        assertThat(s.skippedSteps()).isEqualTo(1);
    }

    @Test
    void theScaleDoublesAfterGrowthIntervalGoodStepsInARow() {
        LossScaler s = new LossScaler(1024, 2, 0.5, 3);
        assertThat(s.update(true, 1)).isEqualTo(LossScaler.Decision.STEP);
        assertThat(s.update(true, 2)).isEqualTo(LossScaler.Decision.STEP);
        assertThat(s.update(true, 3)).isEqualTo(LossScaler.Decision.STEP_AND_GROW);
        assertThat(s.scale()).isEqualTo(2048.0);
        assertThat(s.goodSteps()).isZero();
        // an overflow in between restarts the count: two good, one bad, two good is no growth
        s.update(true, 4);
        s.update(true, 5);
        s.update(false, 6);
        s.update(true, 7);
        assertThat(s.update(true, 8)).isEqualTo(LossScaler.Decision.STEP);
        assertThat(s.scale()).isEqualTo(1024.0);
    }

    @Test
    void gradientsThatOverflowAtEveryScaleStopTrainingNamingTheStep() {
        LossScaler s = new LossScaler(1, 2, 0.5, 2000);
        assertThatThrownBy(() -> {
            for (int i = 1; i < 100; i++) {
                s.update(false, i);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("step 25").hasMessageContaining("fp32");
    }

    @Test
    void savedStateRestoresScaleAndCounts() {
        LossScaler s = new LossScaler(4096, 2, 0.5, 10);
        s.update(false, 1);
        s.update(true, 2);
        s.update(true, 3);
        s.save(tmp);
        LossScaler r = new LossScaler(4096, 2, 0.5, 10);
        assertThat(r.load(tmp)).isTrue();
        assertThat(r.scale()).isEqualTo(2048.0);
        assertThat(r.goodSteps()).isEqualTo(2);
        assertThat(r.skippedSteps()).isEqualTo(1);
    }

    @Test
    void aCheckpointWithoutScalerStateLeavesTheScaleAsItIs() {
        LossScaler s = new LossScaler();
        assertThat(s.load(tmp)).isFalse();
        assertThat(s.scale()).isEqualTo(65536.0);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new LossScaler(0, 2, 0.5, 10)).hasMessageContaining("initial loss scale");
        assertThatThrownBy(() -> new LossScaler(1, 1, 0.5, 10)).hasMessageContaining("growth");
        assertThatThrownBy(() -> new LossScaler(1, 2, 1, 10)).hasMessageContaining("backoff");
    }
}
