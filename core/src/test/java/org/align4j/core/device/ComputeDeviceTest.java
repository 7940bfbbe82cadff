package org.align4j.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
    @Test
    void cpuBecomesTheDefaultDeviceOfNewManagers() {
        assertThat(ComputeDevice.select("cpu")).isEqualTo(Device.cpu());
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(m.getDevice()).isEqualTo(Device.cpu());
        }
        assertThat(ComputeDevice.select("auto")).isEqualTo(Engine.getInstance().defaultDevice());
    }

    @Test
    void askingForAGpuWhereDjlSeesNoneFailsWithTheDiagnosis() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Engine.getInstance().defaultDevice().isGpu(), "a GPU is present");
        assertThatThrownBy(() -> ComputeDevice.select("gpu")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--device gpu: DJL sees no GPU")
                .hasMessageContaining("libtorch built with CUDA: false")
                .hasMessageContaining("tools/gpu/README.md");
    }

    @Test
    void anUnknownChoiceNamesTheOptionAndTheChoices() {
        assertThatThrownBy(() -> ComputeDevice.select("tpu")).hasMessageContaining("--device: must be one of [auto, cpu, gpu]");
    }
}
