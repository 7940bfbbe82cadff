package org.align4j.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SftLossTest {
    /** log softmax of logits row (0, 0, t+1) at token k, by hand. */
    static double logp(int t, int k) {
        double z = 2 + Math.exp(t + 1);
        return (k == 2 ? t + 1 : 0) - Math.log(z);
    }

    @Test
    void onlyResponseTokensCountAndPromptAndPaddingContributeNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B = 2, T = 4, V = 3; logits at position t are (0, 0, t+1) in both rows
            float[] lg = new float[2 * 4 * 3];
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 4; t++) {
                    lg[(b * 4 + t) * 3 + 2] = t + 1;
                }
            }
            NDArray logits = m.create(lg, new Shape(2, 4, 3));
            // row 0: prompt, prompt, answer(2), answer(1); row 1: prompt, answer(0), pad, pad
            long[] ids = {1, 0, 2, 1, 2, 0, 1, 1};
            float[] mask = {0, 0, 1, 1, 0, 1, 0, 0};
            NDArray loss = SftLoss.nllSum(logits, m.create(ids, new Shape(2, 4)), m.create(mask, new Shape(2, 4)));
            // row 0: token 2 at t=2 predicted by position 1, token 1 at t=3 by position 2; row 1: token 0 by position 0
            double expected = -(logp(1, 2) + logp(2, 1) + logp(0, 0));
            assertThat(loss.getFloat()).isCloseTo((float) expected, within(1e-5f));
            assertThat(SftLoss.trainedTargets(new int[] {0, 0, 1, 1, 0, 1, 0, 0}, 2, 4)).isEqualTo(3);
        }
    }

    @Test
    void aTrainedFirstTokenCannotBePredictedAndIsNotCounted() {
        assertThat(SftLoss.trainedTargets(new int[] {1, 1, 0}, 1, 3)).isEqualTo(1);
    }

    @Test
    void labelsUseMinus100ForMaskedTokensAsTransformersDoes() {
        assertThat(SftLoss.labels(new int[] {5, 6, 7, 8}, new int[] {0, 1, 1, 0})).containsExactly(-100, 6, 7, -100);
    }
}
