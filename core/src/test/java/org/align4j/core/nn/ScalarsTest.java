package org.align4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    @Test
    void eachOpComputesWhatDjlsNumberFormComputes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2f, 0.5f, 3f});
            assertThat(Scalars.mul(x, 3).toFloatArray()).containsExactly(-6f, 1.5f, 9f);
            assertThat(Scalars.div(x, 2f).toFloatArray()).containsExactly(-1f, 0.25f, 1.5f);
            assertThat(Scalars.pow(x, 2).toFloatArray()).containsExactly(4f, 0.25f, 9f);
            assertThat(Scalars.maximum(x, 0).toFloatArray()).containsExactly(0f, 0.5f, 3f);
            assertThat(Scalars.minimum(x, 1e-12f).toFloatArray()).containsExactly(-2f, 1e-12f, 1e-12f);
            // a number never widens the array: float32 · double stays float32, as with DJL's mul(Number)
            assertThat(Scalars.mul(x, 0.1).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(Scalars.mul(x, 0.1).toFloatArray()).containsExactly(new float[] {-0.2f, 0.05f, 0.3f}, within(1e-7f));
            NDArray y = x.duplicate();
            assertThat(Scalars.muli(y, -1)).isSameAs(y);
            assertThat(y.toFloatArray()).containsExactly(2f, -0.5f, -3f);
            assertThat(Scalars.divi(y, 2).toFloatArray()).containsExactly(1f, -0.25f, -1.5f);
            assertThat(Scalars.maximum(m.create(new long[] {-1, 4}), 0).toLongArray()).containsExactly(0L, 4L);
        }
    }

    /**
     * The bug these helpers exist for: with DJL's {@code x.mul(3f)} the 3 lived in a Java buffer that a garbage
     * collection between forward and backward freed and that fresh direct buffers then overwrote; backward
     * multiplied by those bytes. This test failed with the raw DJL calls (wrong or NaN gradients within the
     * first step while a thread collects and allocates); with {@code Scalars} every gradient is
     * exact.
     */
    @Test
    void gradientsStayExactWhileTheGarbageCollectorRunsBetweenForwardAndBackward() throws Exception {
        List<Op> ops = List.of(
                new Op("mul", (x, v) -> Scalars.mul(x, v), 3f, new float[] {3f, 3f}),
                new Op("div", (x, v) -> Scalars.div(x, v), 4f, new float[] {0.25f, 0.25f}),
                new Op("pow", (x, v) -> Scalars.pow(x, v), 2f, new float[] {1f, 4f}), // d x² = 2x at x = (0.5, 2)
                new Op("maximum", (x, v) -> Scalars.maximum(x, v), 1f, new float[] {0f, 1f}),
                new Op("minimum", (x, v) -> Scalars.minimum(x, v), 1f, new float[] {1f, 0f}),
                new Op("muli", (x, v) -> Scalars.muli(x.add(0), v), 5f, new float[] {5f, 5f}));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            List<ByteBuffer> keep = new ArrayList<>();
            while (running.get()) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).putFloat(0, Float.NaN); // what a freed scalar's bytes become
                keep.add(b);
                if (keep.size() > 64) {
                    keep.clear();
                    System.gc();
                }
            }
        });
        churn.setDaemon(true);
        churn.start();
        try {
            for (int step = 0; step < 20; step++) {
                for (Op op : ops) {
                    try (NDManager m = NDManager.newBaseManager();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray x = m.create(new float[] {0.5f, 2f});
                        x.setRequiresGradient(true);
                        NDArray loss = op.f.apply(x, op.value).sum();
                        System.gc(); // between forward and backward, where the buffer used to go
                        Thread.sleep(0, 100_000);
                        gc.backward(loss);
                        assertThat(x.getGradient().toFloatArray()).as("%s at step %d", op.name, step)
                                .containsExactly(op.gradient);
                    }
                }
            }
        } finally {
            running.set(false);
            churn.join();
        }
    }

    private record Op(String name, BiFunction<NDArray, Float, NDArray> f, float value, float[] gradient) {}
}
