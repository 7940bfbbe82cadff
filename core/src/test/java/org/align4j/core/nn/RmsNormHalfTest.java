package org.align4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.align4j.core.precision.ParameterArrays;
import org.junit.jupiter.api.Test;

class RmsNormHalfTest {
    @Test
    void anFp16InputWithActivationsBeyondFp16SquaresIsNormalisedLikeTheFloat32One() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            RmsNorm norm = new RmsNorm(8, 1e-6);
            norm.initializeWeights(m);
            // values up to ~900: x² (810,000) overflows fp16's 65,504
            NDArray x = m.randomNormal(0, 300, new Shape(2, 3, 8), DataType.FLOAT32);
            float[] exact = norm.forward(x).toFloatArray();
            ParameterArrays.cast(List.copyOf(norm.namedParameters().values()), DataType.FLOAT16);
            NDArray half = norm.forward(x.toType(DataType.FLOAT16, false));
            assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
            float[] h = half.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < exact.length; i++) {
                assertThat(h[i]).isFinite().isCloseTo(exact[i], within(5e-3f * Math.max(1f, Math.abs(exact[i]))));
            }
        }
    }
}
