package org.align4j.core.logprob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenLogProbsTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray logits() {
        Engine.getInstance().setRandomSeed(3);
        return manager.randomNormal(0, 3, new Shape(2, 7, 11), DataType.FLOAT32); // (B, T, V)
    }

    private NDArray targets() {
        long[] ids = new long[14];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 5 + 3) % 11;
        }
        return manager.create(ids, new Shape(2, 7));
    }

    @Test
    void aLogProbIsTheLogitMinusTheLogSumExpOfItsRow() {
        NDArray logits = manager.create(new float[] {0f, 0f, 0f, 0f, (float) Math.log(3), 0f}, new Shape(1, 2, 3));
        NDArray lp = TokenLogProbs.gather(logits, manager.create(new long[] {2, 1}, new Shape(1, 2)));
        // row 1 uniform over 3: ln(1/3); row 2 [0, ln 3, 0]: ln(3/5)
        assertThat(lp.getFloat(0, 0)).isCloseTo((float) Math.log(1 / 3.0), within(1e-6f));
        assertThat(lp.getFloat(0, 1)).isCloseTo((float) Math.log(3 / 5.0), within(1e-6f));
    }

    @Test
    void chunkedOverPositionsEqualsUnchunkedForEveryChunkSize() {
        float[] whole = TokenLogProbs.gather(logits(), targets(), 7).toFloatArray();
        for (int chunk : new int[] {1, 2, 3, 6}) {
            float[] chunked = TokenLogProbs.gather(logits(), targets(), chunk).toFloatArray();
            assertThat(chunked).as("chunk %d", chunk).containsExactly(whole);
        }
    }

    @Test
    void chunkedGradientsEqualUnchunkedGradients() {
        float[][] grads = new float[2][];
        int[] chunks = {7, 3};
        for (int i = 0; i < 2; i++) {
            NDArray logits = logits();
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray lp = TokenLogProbs.gather(logits, targets(), chunks[i]);
                gc.backward(lp.mul(manager.arange(14f).reshape(2, 7)).sum());
            }
            grads[i] = logits.getGradient().toFloatArray();
        }
        for (int j = 0; j < grads[0].length; j++) {
            assertThat(grads[1][j]).isCloseTo(grads[0][j], within(1e-6f));
        }
    }

    @Test
    void fp16LogitsGiveFloat32LogProbsCloseToTheFloat32Ones() {
        NDArray exact = TokenLogProbs.gather(logits(), targets());
        NDArray half = TokenLogProbs.gather(logits().toType(DataType.FLOAT16, false), targets(), 3);
        assertThat(half.getDataType()).isEqualTo(DataType.FLOAT32);
        float[] a = exact.toFloatArray();
        float[] b = half.toFloatArray();
        for (int j = 0; j < a.length; j++) {
            // only the logits' rounding to fp16 (11 bits, values up to ~10) differs
            assertThat(b[j]).isCloseTo(a[j], within(2e-2f));
        }
    }

    @Test
    void theDefaultChunkKeepsEachChunkWithinTheElementBudget() {
        // one position of a (2, ·, 11) batch is 22 values: the whole sequence fits one chunk
        float[] byDefault = TokenLogProbs.gather(logits(), targets()).toFloatArray();
        assertThat(byDefault).containsExactly(TokenLogProbs.gather(logits(), targets(), 7).toFloatArray());
    }
}
