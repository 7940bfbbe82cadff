package org.align4j.core.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class PrecisionTest {
    @Test
    void autoIsFp16OnAGpuAndFp32OnTheCpu() {
        assertThat(Precision.resolve("auto", Device.gpu())).isEqualTo(Precision.FP16);
        assertThat(Precision.resolve("auto", Device.cpu())).isEqualTo(Precision.FP32);
    }

    @Test
    void explicitChoicesHoldOnEveryDevice() {
        assertThat(Precision.resolve("fp32", Device.gpu())).isEqualTo(Precision.FP32);
        assertThat(Precision.resolve("fp16", Device.cpu())).isEqualTo(Precision.FP16);
    }

    @Test
    void bf16IsRefusedWithTheReasonAndTheAlternative() {
        assertThatThrownBy(() -> Precision.resolve("bf16", Device.gpu())).hasMessageContaining("precision: bf16")
                .hasMessageContaining("fp16");
        assertThatThrownBy(() -> Precision.resolve("half", Device.gpu())).hasMessageContaining("'half'");
    }
}
