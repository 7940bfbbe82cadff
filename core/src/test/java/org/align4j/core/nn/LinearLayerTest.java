package org.align4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A linear layer knows its sizes; an adapter joins its output, and removing it gives back the plain layer. */
class LinearLayerTest {
    static Stream<Arguments> layers() {
        return Stream.of(Arguments.of("Dense", (Function<Integer, LinearLayer>) in -> new Dense(in, 3, true, 0.5)),
                Arguments.of("Conv1D", (Function<Integer, LinearLayer>) in -> new Conv1D(in, 3, 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void itsSizesAreTheOnesItWasMadeWithWhateverTheWeightLayout(String name, Function<Integer, LinearLayer> make) {
        LinearLayer layer = make.apply(4);
        assertThat(layer.inFeatures()).isEqualTo(4);
        assertThat(layer.outFeatures()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void anAdapterIsAddedToTheOutputUntilItIsRemoved(String name, Function<Integer, LinearLayer> make) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            LinearLayer layer = make.apply(4);
            layer.initializeWeights(m);
            NDArray x = m.randomNormal(0, 1, new Shape(2, 4), DataType.FLOAT32);
            float[] plain = layer.forward(x).toFloatArray();
            assertThat(layer.adapter()).isNull();

            layer.setAdapter((in, y) -> y.add(in.sum(new int[] {-1}, true))); // y + Σx, one value a row
            float[] adapted = layer.forward(x).toFloatArray();
            float[] rowSums = x.sum(new int[] {-1}).toFloatArray();
            for (int i = 0; i < plain.length; i++) {
                assertThat(adapted[i]).isCloseTo(plain[i] + rowSums[i / 3], within(1e-5f));
            }

            layer.setAdapter(null);
            assertThat(layer.forward(x).toFloatArray()).containsExactly(plain);
        }
    }
}
