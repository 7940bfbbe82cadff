package org.align4j.core.precision;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.align4j.core.nn.Scalars;
import org.junit.jupiter.api.Test;

class CastsTest {
    @Test
    void widenAndDifferentiableCastsKeepValuesAndPassGradientsBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1.5f, -2f, 0f}).toType(DataType.FLOAT16, false);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray wide = Casts.widen(x);
                assertThat(wide.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(wide.toFloatArray()).containsExactly(1.5f, -2f, 0f);
                NDArray back = Casts.differentiable(Scalars.mul(wide, 3), DataType.FLOAT16);
                assertThat(back.getDataType()).isEqualTo(DataType.FLOAT16);
                gc.backward(Casts.widen(back).sum());
            }
            // d/dx sum(3x) = 3 through both casts (DJL's toType would have cut the graph)
            assertThat(x.getGradient().toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(3f, 3f, 3f);
        }
    }
}
