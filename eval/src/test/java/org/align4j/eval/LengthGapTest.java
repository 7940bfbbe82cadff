package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthGapTest {
    @Test
    void aRawGapMadeByWhichPairTypesAreLongerVanishesWithinTypes() {
        // type "hard": 4 longer pairs, 1 right; 1 shorter pair, wrong -> 0.25 vs 0.0 within it
        // type "easy": 1 longer pair, right; 4 shorter pairs, all right -> 1.0 vs 1.0
        // raw: longer 2/5 = 0.4, shorter 4/5 = 0.8, a gap of 0.4 that no type shows
        double[] m = {1, -1, -1, -1, -2, 3, 1, 1, 1, 1};
        boolean[] shorter = {false, false, false, false, true, false, true, true, true, true};
        List<String> src = List.of("hard", "hard", "hard", "hard", "hard", "easy", "easy", "easy", "easy", "easy");
        LengthGap g = LengthGap.of(m, shorter, src);
        // w_hard = 4·1/5 = 0.8, difference 0 − 0.25; w_easy = 1·4/5 = 0.8, difference 0: gap = −0.2/1.6
        assertThat(g.gap()).isCloseTo(-0.125, within(1e-12));
        assertThat(g.pairs()).isEqualTo(10);
        assertThat(g.strata()).isEqualTo(2);
    }

    @Test
    void strataWithOneSideOnlyAreLeftOutAndTiesCountHalf() {
        // "a": shorter {tie} vs longer {right, wrong}: 0.5 − 0.5 = 0 with w = 1·2/3; "b": longer only, left out
        double[] m = {0, 2, -2, 5, 5};
        boolean[] shorter = {true, false, false, false, false};
        LengthGap g = LengthGap.of(m, shorter, Arrays.asList("a", "a", "a", "b", "b"));
        assertThat(g.gap()).isZero();
        assertThat(g.pairs()).isEqualTo(3);
        assertThat(g.strata()).isEqualTo(1);
    }

    @Test
    void pairsWithoutSourceFormOneStratumWhoseGapIsThePlainDifference() {
        double[] m = {1, 1, -1, 1};
        boolean[] shorter = {true, true, false, false};
        LengthGap g = LengthGap.of(m, shorter, Arrays.asList(null, null, null, null));
        assertThat(g.gap()).isCloseTo(0.5, within(1e-12));
        assertThat(LengthGap.of(m, new boolean[4], Arrays.asList(null, null, null, null))).isNull();
        assertThatThrownBy(() -> LengthGap.of(m, shorter, List.of("a")))
                .hasMessageContaining("4 margins, 4 length flags and 1 sources");
    }
}
