package org.align4j.datasets.collate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TruncationTest {
    /** BOS(1), prompt 10 11 12 13, response 20 21 22. */
    private static TokenizedSequence seq() {
        return new TokenizedSequence(new int[] {1, 10, 11, 12, 13, 20, 21, 22},
                new boolean[] {false, false, false, false, false, true, true, true});
    }

    @Test
    void aSequenceThatFitsIsUnchanged() {
        Truncation.Fitted f = Truncation.fit(seq(), 8, 1);
        assertThat(f.changed()).isFalse();
        assertThat(f.sequence().ids()).containsExactly(1, 10, 11, 12, 13, 20, 21, 22);
    }

    @Test
    void thePromptIsCutFromTheLeftAfterTheBos() {
        Truncation.Fitted f = Truncation.fit(seq(), 6, 1);
        assertThat(f.sequence().ids()).containsExactly(1, 12, 13, 20, 21, 22);
        assertThat(f.sequence().lossMask()).containsExactly(false, false, false, true, true, true);
        assertThat(f.promptTokensRemoved()).isEqualTo(2);
        assertThat(f.responseTokensRemoved()).isZero();
    }

    @Test
    void theResponseIsCutOnlyWhenThePromptIsGoneAndTheCutIsCounted() {
        Truncation.Fitted f = Truncation.fit(seq(), 3, 1);
        assertThat(f.sequence().ids()).containsExactly(1, 20, 21);
        assertThat(f.promptTokensRemoved()).isEqualTo(4);
        assertThat(f.responseTokensRemoved()).isEqualTo(1);
        assertThat(f.changed()).isTrue();
    }

    @Test
    void pairsLoseTheSamePromptTokensOnBothSides() {
        TokenizedSequence c = seq();
        TokenizedSequence r = new TokenizedSequence(new int[] {1, 10, 11, 12, 13, 30},
                new boolean[] {false, false, false, false, false, true});
        Truncation.FittedPair f = Truncation.fit(new TokenizedPair(c, r, 5), 6, 1);
        assertThat(f.pair().chosen().ids()).containsExactly(1, 12, 13, 20, 21, 22);
        assertThat(f.pair().rejected().ids()).containsExactly(1, 12, 13, 30);
        assertThat(f.pair().promptLength()).isEqualTo(3);
        assertThat(f.promptTokensRemoved()).isEqualTo(2);
        Truncation.FittedPair g = Truncation.fit(new TokenizedPair(c, r, 5), 3, 1);
        assertThat(g.pair().chosen().ids()).containsExactly(1, 20, 21);
        assertThat(g.pair().rejected().ids()).containsExactly(1, 30);
        assertThat(g.responseTokensRemoved()).isEqualTo(1);
    }

    @Test
    void aLimitWithNoRoomIsRejected() {
        assertThatThrownBy(() -> Truncation.fit(seq(), 1, 1))
                .hasMessage("maxLength 1 leaves no room after 1 kept leading token(s); use a larger maximum length");
        assertThat(Overflow.parse("Drop")).isEqualTo(Overflow.DROP);
        assertThatThrownBy(() -> Overflow.parse("cut"))
                .hasMessage("unknown overflow policy \"cut\"; use report, drop or truncate");
    }
}
