package org.align4j.dpo.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.align4j.core.nn.LogSigmoid;
import org.align4j.dpo.Vectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Hand-computed values of every preference loss. */
class DpoLossesTest {
    @AutoClose
    private final Vectors nd = new Vectors();

    @Test
    void sigmoidLossIsLn2AtZeroMargin() {
        PreferenceLoss l = DpoLosses.sigmoid(nd.v(-5f), nd.v(-7f), nd.v(-5f), nd.v(-7f), 0.1, 0);
        assertThat((double) l.mean().getFloat()).isCloseTo(Math.log(2), within(1e-6));
        assertThat(l.accuracy()).isZero();
    }

    @Test
    void sigmoidLossMatchesHandComputation() {
        // chosen ratio = -4 - (-5) = 1, rejected ratio = -8 - (-7) = -1, h = 0.5 · 2 = 1
        PreferenceLoss l = DpoLosses.sigmoid(nd.v(-4f), nd.v(-8f), nd.v(-5f), nd.v(-7f), 0.5, 0);
        assertThat((double) l.losses().getFloat(0)).isCloseTo(Math.log(1 + Math.exp(-1)), within(1e-6)); // 0.3132617
        assertThat(l.chosenRewards().getFloat(0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(l.rejectedRewards().getFloat(0)).isCloseTo(-0.5f, within(1e-6f));
        assertThat(l.accuracy()).isEqualTo(1f);
        // label smoothing 0.1: 0.9·softplus(−1) + 0.1·softplus(1)
        PreferenceLoss c = DpoLosses.sigmoid(nd.v(-4f), nd.v(-8f), nd.v(-5f), nd.v(-7f), 0.5, 0.1);
        double expected = 0.9 * Math.log(1 + Math.exp(-1)) + 0.1 * Math.log(1 + Math.exp(1));
        assertThat((double) c.losses().getFloat(0)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void ipoLossMatchesHandComputation() {
        // h = 1 with β = 0.5: (h/β − 1/(2β))² = (2 − 1)² = 1
        assertThat(DpoLosses.ipo(nd.v(-4f), nd.v(-8f), nd.v(-5f), nd.v(-7f), 0.5).losses().getFloat(0))
                .isCloseTo(1f, within(1e-6f));
        // zero margin: (0 − 1/(2·0.1))² = 25
        assertThat(DpoLosses.ipo(nd.v(-1f), nd.v(-1f), nd.v(-1f), nd.v(-1f), 0.1).losses().getFloat(0))
                .isCloseTo(25f, within(1e-4f));
    }

    @Test
    void hingeLossMatchesHandComputation() {
        assertThat(DpoLosses.hinge(nd.v(-4f), nd.v(-8f), nd.v(-5f), nd.v(-7f), 0.25).losses().getFloat(0))
                .isCloseTo(0.5f, within(1e-6f));
        assertThat(DpoLosses.hinge(nd.v(-4f), nd.v(-8f), nd.v(-5f), nd.v(-7f), 1.0).losses().getFloat(0)).isZero();
    }

    @Test
    void simpoLossMatchesHandComputation() {
        // β = 2, γ = 0.5: h = 2·(−1 − (−1.5)) − 0.5 = 0.5 → softplus(−0.5)
        PreferenceLoss l = ReferenceFreeLosses.simpo(nd.v(-1f), nd.v(-1.5f), 2, 0.5);
        assertThat((double) l.losses().getFloat(0)).isCloseTo(Math.log(1 + Math.exp(-0.5)), within(1e-6));
        assertThat(l.chosenRewards().getFloat(0)).isCloseTo(-2f, within(1e-6f));
    }

    @Test
    void orpoLossMatchesHandComputation() {
        double pw = Math.exp(-0.5);
        double pl = Math.exp(-1.0);
        double logOdds = Math.log(pw / (1 - pw)) - Math.log(pl / (1 - pl));
        double expected = 0.5 + 0.2 * Math.log(1 + Math.exp(-logOdds));
        PreferenceLoss l = ReferenceFreeLosses.orpo(nd.v(-0.5f), nd.v(-1f), nd.v(0.5f), 0.2, 0.1);
        assertThat((double) l.losses().getFloat(0)).isCloseTo(expected, within(1e-5));
    }

    @Test
    void logSigmoidIsStableForLargeInputs() {
        float[] r = LogSigmoid.of(nd.v(-100f, 0f, 100f)).toFloatArray();
        assertThat(r[0]).isCloseTo(-100f, within(1e-4f));
        assertThat((double) r[1]).isCloseTo(-Math.log(2), within(1e-6));
        assertThat(r[2]).isCloseTo(0f, within(1e-6f));
    }
}
