package org.align4j.core.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ImplicitRewardTest {
    @Test
    void theMarginIsBetaTimesTheDifferenceOfLogRatios() {
        // pair 0: (−10 − −12) − (−20 − −18) = 2 − (−2) = 4 → β 0.1 gives 0.4
        // pair 1: (−5 − −4) − (−6 − −6) = −1 → −0.1
        double[] m = ImplicitReward.margins(0.1, new float[] {-10, -5}, new float[] {-20, -6},
                new float[] {-12, -4}, new float[] {-18, -6});
        assertThat(m[0]).isCloseTo(0.4, within(1e-12));
        assertThat(m[1]).isCloseTo(-0.1, within(1e-12));
        assertThat(ImplicitReward.margins(1.0, new float[] {-10}, new float[] {-20}, new float[] {-12},
                new float[] {-18})[0]).isEqualTo(4.0);
    }

    @Test
    void lengthNormalisedMarginsAverageOverAnswerTokens() {
        // −6/3 − (−10/5) = −2 − (−2) = 0; −4/2 − (−9/3) = −2 + 3 = 1 → β 2 gives 2
        double[] m = ImplicitReward.lengthNormalisedMargins(2, new float[] {-6, -4}, new float[] {-10, -9},
                new float[] {3, 2}, new float[] {5, 3});
        assertThat(m).containsExactly(0.0, 2.0);
    }

    @Test
    void perTokenMarginsDivideEachLogRatioByItsAnswersTokens() {
        // pair 0: (−10 − −12)/4 − (−20 − −18)/2 = 0.5 − (−1) = 1.5 → β 2 gives 3
        // pair 1: the summed margin of pair 1 above (−1) but the chosen answer is 10 tokens, the rejected 1:
        //   (−5 − −4)/10 − (−6 − −6)/1 = −0.1 → β 2 gives −0.2
        // pair 2: the chosen answer gains 2 nats over 20 tokens (0.1 a token), the rejected 1 nat over 2 tokens
        //   (0.5 a token): summed margin 2 − 1 = 1 (β 2 gives 2), per token 0.1 − 0.5 = −0.4 (β 2 gives −0.8)
        double[] m = ImplicitReward.perTokenMargins(2, new float[] {-10, -5, -28}, new float[] {-20, -6, -9},
                new float[] {-12, -4, -30}, new float[] {-18, -6, -10}, new float[] {4, 10, 20},
                new float[] {2, 1, 2});
        assertThat(m[0]).isCloseTo(3.0, within(1e-12));
        assertThat(m[1]).isCloseTo(-0.2, within(1e-12));
        assertThat(m[2]).isCloseTo(-0.8, within(1e-12));
        assertThat(ImplicitReward.margins(2, new float[] {-28}, new float[] {-9}, new float[] {-30},
                new float[] {-10})[0]).isEqualTo(2.0); // the summed reward ranks pair 2 the other way
        assertThatThrownBy(() -> ImplicitReward.perTokenMargins(1, new float[1], new float[1], new float[1],
                new float[1], new float[2], new float[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accuracyCountsTiesHalfAndIsNanWithoutPairs() {
        assertThat(ImplicitReward.accuracy(new double[] {1, 0, -1, 2})).isEqualTo(2.5 / 4);
        assertThat(ImplicitReward.accuracy(new double[] {0, 0})).isEqualTo(0.5);
        assertThat(ImplicitReward.accuracy(new double[0])).isNaN();
        assertThat(ImplicitReward.mean(new double[] {1, 2, 6})).isEqualTo(3.0);
        assertThat(ImplicitReward.mean(new double[0])).isNaN();
    }

    @Test
    void arrayCreditsFollowTheSameRule() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] c = ImplicitReward.credits(m.create(new float[] {0.3f, 0f, -2f})).toFloatArray();
            assertThat(c).containsExactly(1f, 0.5f, 0f);
            for (double v : new double[] {0.3, 0, -2}) {
                assertThat(ImplicitReward.credit(v)).isIn(1.0, 0.5, 0.0);
            }
        }
    }

    @Test
    void measuresStateTheirBeta() {
        PreferenceMeasures p = PreferenceMeasures.of(0.1, new double[] {0.4, -0.1, 0});
        assertThat(p.pairs()).isEqualTo(3);
        assertThat(p.accuracy()).isEqualTo(0.5);
        assertThat(p.margin()).isCloseTo(0.1, within(1e-12));
        assertThat(p.marginKey()).isEqualTo("margin_beta_0.1");
        assertThat(PreferenceMeasures.marginKey(1)).isEqualTo("margin_beta_1");
        assertThat(PreferenceMeasures.marginKey(0.25)).isEqualTo("margin_beta_0.25");
    }

    @Test
    void arraysOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> ImplicitReward.margins(1, new float[2], new float[2], new float[1], new float[2]))
                .hasMessageContaining("differ in length");
    }
}
