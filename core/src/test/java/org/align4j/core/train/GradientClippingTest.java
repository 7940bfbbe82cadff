package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.align4j.core.nn.Scalars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    /** Two parameters whose gradients are (3, 0) and (4): global norm 5. */
    private List<NDArray> withGradients(float scale) {
        NDArray a = manager.create(new float[] {1f, 1f});
        NDArray b = manager.create(new float[] {1f});
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        try (NDManager step = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray c = step.create(new float[] {3f * scale, 0f});
            gc.backward(a.mul(c).sum().add(Scalars.mul(b, 4f * scale).sum()));
        }
        return List.of(a, b);
    }

    @Test
    void theGlobalNormIsTheL2NormOverAllGradientsAndClippingScalesThemToTheMaximum() {
        List<NDArray> params = withGradients(1f);
        assertThat(GradientClipping.clipGlobalNorm(params, 1.0, 1)).isCloseTo(5.0, within(1e-6));
        try (NDArray ga = Gradients.of(params.get(0)); NDArray gb = Gradients.of(params.get(1))) {
            float c = (float) (1.0 / (5.0 + 1e-6));
            assertThat(ga.toFloatArray()).containsExactly(new float[] {3f * c, 0f}, within(1e-6f));
            assertThat(gb.toFloatArray()).containsExactly(new float[] {4f * c}, within(1e-6f));
        }
    }

    @Test
    void gradientsBelowTheMaximumAreLeftAlone() {
        List<NDArray> params = withGradients(1f);
        assertThat(GradientClipping.clipGlobalNorm(params, 10.0, 1)).isCloseTo(5.0, within(1e-6));
        try (NDArray gb = Gradients.of(params.get(1))) {
            assertThat(gb.toFloatArray()).containsExactly(4f);
        }
    }

    @Test
    void aNonFiniteNormStopsTrainingNamingTheStep() {
        List<NDArray> params = withGradients(Float.NaN);
        assertThatThrownBy(() -> GradientClipping.clipGlobalNorm(params, 1.0, 17))
                .isInstanceOf(NonFiniteTrainingException.class)
                .hasMessageStartingWith("step 17: the gradient norm is not finite");
    }

    @Test
    void parametersThatTookNoPartHaveNoGradientAndAreSkipped() {
        NDArray unused = manager.create(new float[] {1f});
        unused.setRequiresGradient(true);
        assertThat(Gradients.of(unused)).isNull();
        assertThat(GradientClipping.clipGlobalNorm(List.of(unused), 1.0, 1)).isZero();
    }
}
