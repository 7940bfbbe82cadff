package org.align4j.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampling maths on hand-computed distributions. */
class TokenSamplerTest {

    private static float[] logs(double... p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) Math.log(p[i]);
        }
        return out;
    }

    /** Each token's share of {@code draws} samples from {@code lp}, drawn from a stream seeded {@code seed}. */
    private static double[] frequencies(float[] lp, double temperature, double topP, int draws, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] counts = new int[lp.length];
        for (int i = 0; i < draws; i++) {
            counts[TokenSampler.sample(lp, 0, lp.length, temperature, topP, rng)]++;
        }
        double[] shares = new double[lp.length];
        for (int i = 0; i < lp.length; i++) {
            shares[i] = counts[i] / (double) draws;
        }
        return shares;
    }

    @Test
    void theNucleusIsTheSmallestMostLikelySetReachingTopP() {
        double[] w = {0.15, 0.5, 0.05, 0.3};
        assertThat(TokenSampler.nucleus(w, 0.8)).containsExactly(1, 3); // 0.5 + 0.3 reaches 0.8
        assertThat(TokenSampler.nucleus(w, 0.81)).containsExactly(1, 3, 0); // the crossing token is kept
        assertThat(TokenSampler.nucleus(w, 0.1)).containsExactly(1); // at least one token
        assertThat(TokenSampler.nucleus(w, 1.0)).containsExactly(1, 3, 0, 2);
    }

    @Test
    void equalWeightsEnterTheNucleusInTokenOrder() {
        assertThat(TokenSampler.nucleus(new double[] {0.25, 0.25, 0.25, 0.25}, 0.5)).containsExactly(0, 1);
    }

    @Test
    void aNucleusAmongManyTinyWeightsIsFoundBelowTheFirstThreshold() {
        double[] w = new double[50_000];
        java.util.Arrays.fill(w, 1e-6);
        w[123] = 1.0;
        // 50 000 · 1e-6 = 0.05 of mass sits below 1/1024: a target above 1/1.05 needs the small weights.
        int[] kept = TokenSampler.nucleus(w, 0.99 * 1.05);
        assertThat(kept[0]).isEqualTo(123);
        int expected = 1 + (int) Math.ceil((0.99 * 1.05 - 1.0) / 1e-6); // the large weight, then the smallest count
        assertThat(kept.length).isBetween(expected - 1, expected + 1); // ± summation rounding
        assertThat(kept[1]).isEqualTo(0);
    }

    @Test
    void samplingFollowsTheSoftmaxAtTemperatureOne() {
        double[] f = frequencies(logs(0.1, 0.2, 0.3, 0.4), 1.0, 1.0, 40_000, 1);
        for (int i = 0; i < 4; i++) {
            assertThat(f[i]).as("token %d", i).isCloseTo(0.1 * (i + 1), within(0.01));
        }
    }

    @Test
    void temperatureSharpensTheDistribution() {
        // T = 0.5 squares the probabilities: 1, 4, 9, 16 over 30.
        double[] f = frequencies(logs(0.1, 0.2, 0.3, 0.4), 0.5, 1.0, 40_000, 2);
        assertThat(f[3]).isCloseTo(16 / 30.0, within(0.01));
        assertThat(f[0]).isCloseTo(1 / 30.0, within(0.01));
    }

    @Test
    void topPNeverSamplesOutsideTheNucleus() {
        double[] f = frequencies(logs(0.05, 0.6, 0.3, 0.05), 1.0, 0.85, 10_000, 3);
        assertThat(f[0]).isZero();
        assertThat(f[3]).isZero();
        assertThat(f[1]).isCloseTo(0.6 / 0.9, within(0.02)); // renormalised over {1, 2}
    }

    @Test
    void candidatesAreReadAtTheirOffset() {
        float[] lp = {0f, 0f, (float) Math.log(1e-9), 0f};
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 100; i++) {
            assertThat(TokenSampler.sample(lp, 2, 2, 1.0, 1.0, rng)).isEqualTo(1);
        }
    }

    @Test
    void theSameStreamGivesTheSameDraws() {
        float[] lp = logs(0.25, 0.25, 0.25, 0.25);
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            assertThat(TokenSampler.sample(lp, 0, 4, 1.0, 0.9, a)).isEqualTo(TokenSampler.sample(lp, 0, 4, 1.0, 0.9, b));
        }
    }

    @Test
    void aNotFiniteDistributionIsAnError() {
        float[] lp = {Float.NaN, 0f};
        assertThatThrownBy(() -> TokenSampler.sample(lp, 0, 2, 1.0, 1.0, new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not finite");
    }
}
