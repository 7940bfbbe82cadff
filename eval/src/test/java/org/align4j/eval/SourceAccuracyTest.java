package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAccuracyTest {
    @Test
    void onePairTypeRankedTheWrongWayRoundStandsOutPerSideOfLength() {
        // "terse": 3 longer pairs all wrong, 1 shorter pair wrong; "vague": 1 longer right, 2 shorter right and a tie
        double[] m = {-1, -2, -0.5, -3, 1, 2, 0.5, 0};
        boolean[] shorter = {false, false, false, true, false, true, true, true};
        List<String> src = List.of("terse", "terse", "terse", "terse", "vague", "vague", "vague", "vague");
        Map<String, SourceAccuracy> by = SourceAccuracy.of(m, shorter, src);
        assertThat(by.keySet()).containsExactly("terse", "vague");
        assertThat(by.get("terse")).isEqualTo(new SourceAccuracy(4, 0.0, 1, 0.0, 0.0));
        SourceAccuracy vague = by.get("vague");
        assertThat(vague.pairs()).isEqualTo(4);
        assertThat(vague.accuracy()).isCloseTo(3.5 / 4, within(1e-12)); // the tie counts half
        assertThat(vague.chosenShorterPairs()).isEqualTo(3);
        assertThat(vague.accuracyChosenLonger()).isEqualTo(1.0);
        assertThat(vague.accuracyChosenShorter()).isCloseTo(2.5 / 3, within(1e-12));
    }

    @Test
    void aSideWithoutPairsIsNullAndPairsWithoutSourceGetTheirOwnKey() {
        Map<String, SourceAccuracy> by = SourceAccuracy.of(new double[] {1, -1}, new boolean[] {false, false},
                Arrays.asList(null, null));
        assertThat(by).containsOnlyKeys(SourceAccuracy.NO_SOURCE);
        assertThat(by.get(SourceAccuracy.NO_SOURCE)).isEqualTo(new SourceAccuracy(2, 0.5, 0, 0.5, null));
        assertThatThrownBy(() -> SourceAccuracy.of(new double[] {1}, new boolean[] {true}, List.of("a", "b")))
                .hasMessageContaining("1 margins, 1 length flags and 2 sources");
    }

    @Test
    void theLengthGapIsBuiltFromThePerSourceCells() {
        // the LengthGapTest case: "hard" 1/4 longer vs 0/1 shorter, "easy" 1/1 vs 4/4 -> (0.8·−0.25 + 0.8·0)/1.6
        double[] m = {1, -1, -1, -1, -2, 3, 1, 1, 1, 1};
        boolean[] shorter = {false, false, false, false, true, false, true, true, true, true};
        List<String> src = List.of("hard", "hard", "hard", "hard", "hard", "easy", "easy", "easy", "easy", "easy");
        assertThat(LengthGap.of(SourceAccuracy.of(m, shorter, src).values()).gap()).isCloseTo(-0.125, within(1e-12));
    }
}
