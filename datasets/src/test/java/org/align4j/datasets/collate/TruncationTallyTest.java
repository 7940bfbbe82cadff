package org.align4j.datasets.collate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncationTallyTest {
    private static TokenizedSequence seq(int prompt, int answer) {
        int[] ids = new int[prompt + answer];
        boolean[] mask = new boolean[prompt + answer];
        for (int i = prompt; i < ids.length; i++) {
            mask[i] = true;
        }
        return new TokenizedSequence(ids, mask);
    }

    @Test
    void countsExamplesTruncatedAndDroppedAndTheTokensCut() {
        TruncationTally t = new TruncationTally();
        t.add(Truncation.fit(seq(3, 2), 10, 0), false);
        t.add(Truncation.fit(seq(8, 4), 10, 0), false);
        t.add(Truncation.fit(seq(1, 12), 10, 0), false); // 1 prompt and 2 answer tokens cut
        t.add(Truncation.fit(seq(12, 0), 10, 0), true);
        assertThat(t.examples()).isEqualTo(4);
        assertThat(t.truncated()).isEqualTo(2);
        assertThat(t.dropped()).isEqualTo(1);
        assertThat(t.describe("train", 10)).isEqualTo("train: 2 examples truncated, 1 dropped (of 4) at max_length 10;"
                + " 5 prompt tokens and 2 answer tokens cut");
    }

    @Test
    void nothingCutSaysSo() {
        TruncationTally t = new TruncationTally();
        t.add(Truncation.fit(seq(2, 2), 10, 0), false);
        assertThat(t.describe("validation", 10)).isEqualTo("validation: 0 examples truncated, 0 dropped (of 1) at max_length 10");
    }
}
