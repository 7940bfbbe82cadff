package org.align4j.datasets.collate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollatorTest {
    private static final int PAD = 99;
    private final Collator collator = new Collator(PAD);

    private static TokenizedSequence seq(int promptLen, int... ids) {
        boolean[] mask = new boolean[ids.length];
        for (int i = promptLen; i < ids.length; i++) {
            mask[i] = true;
        }
        return new TokenizedSequence(ids, mask);
    }

    @Test
    void rightPaddingFillsPadIdsAndMasksThem() {
        Batch b = collator.rightPadded(List.of(seq(1, 5, 6, 7), seq(1, 8, 9)), new int[] {4, 2});
        assertThat(b.batchSize()).isEqualTo(2);
        assertThat(b.seqLen()).isEqualTo(3);
        assertThat(b.inputIds()).containsExactly(5, 6, 7, 8, 9, PAD);
        assertThat(b.attentionMask()).containsExactly(1, 1, 1, 1, 1, 0);
        assertThat(b.lossMask()).containsExactly(0, 1, 1, 0, 1, 0);
        assertThat(b.positionIds()).containsExactly(0, 1, 2, 0, 1, 0);
        assertThat(b.indices()).containsExactly(4, 2);
        assertThat(b.lastRealTokenIndex(1)).isEqualTo(1);
        assertThat(b.length(1)).isEqualTo(2);
        assertThat(b.trainedTokens()).isEqualTo(3);
        assertThat(b.padding()).isEqualTo(Batch.Padding.RIGHT);
    }

    @Test
    void leftPaddingForGenerationStartsPositionsAtTheFirstRealToken() {
        Batch b = collator.leftPadded(List.of(new int[] {5, 6, 7}, new int[] {8}), new int[] {0, 1});
        assertThat(b.inputIds()).containsExactly(5, 6, 7, PAD, PAD, 8);
        assertThat(b.attentionMask()).containsExactly(1, 1, 1, 0, 0, 1);
        assertThat(b.positionIds()).containsExactly(0, 1, 2, 0, 0, 0);
        assertThat(b.lossMask()).containsOnly(0);
        assertThat(b.lastRealTokenIndex(0)).isEqualTo(2);
        assertThat(b.lastRealTokenIndex(1)).isEqualTo(2);
        assertThat(b.id(1, 2)).isEqualTo(8);
    }

    @Test
    void thePadIdIsRequiredAndMustBeValid() {
        assertThatThrownBy(() -> new Collator(-1))
                .hasMessage("padId is -1; give the tokenizer's pad token id (>= 0), e.g. its EOS id when it has no"
                        + " pad token");
        assertThatThrownBy(() -> collator.rightPadded(List.of(), new int[0]))
                .hasMessage("cannot collate an empty batch");
        assertThatThrownBy(() -> collator.rightPadded(List.of(seq(0, 1)), new int[] {1, 2}))
                .hasMessage("1 examples but 2 indices");
    }

    @Test
    void pairBatchesPadBothSidesToOneLengthAndStack() {
        TokenizedPair p1 = new TokenizedPair(seq(2, 5, 6, 7, 8), seq(2, 5, 6, 9), 2);
        TokenizedPair p2 = new TokenizedPair(seq(1, 3, 4), seq(1, 3, 4, 4, 4, 4), 1);
        PairBatch b = collator.pairs(List.of(p1, p2), new int[] {0, 1});
        assertThat(b.chosen().seqLen()).isEqualTo(5).isEqualTo(b.rejected().seqLen());
        assertThat(b.chosen().inputIds()).containsExactly(5, 6, 7, 8, PAD, 3, 4, PAD, PAD, PAD);
        assertThat(b.rejected().lossMask()).containsExactly(0, 0, 1, 0, 0, 0, 1, 1, 1, 1);
        Batch s = b.stacked();
        assertThat(s.batchSize()).isEqualTo(4);
        assertThat(s.id(2, 2)).isEqualTo(9);
        assertThat(s.indices()).containsExactly(0, 1, 0, 1);
        assertThat(s.lastRealTokenIndex(3)).isEqualTo(4);
    }

    @Test
    void packingFillsRowsInOrderAndRestartsPositions() {
        List<TokenizedSequence> seqs = List.of(seq(1, 1, 2, 3), seq(1, 4, 5), seq(1, 6, 7, 8, 9), seq(0, 10));
        List<Packer.Row> rows = Packer.pack(seqs, 5);
        assertThat(rows).extracting(Packer.Row::members)
                .containsExactly(List.of(0, 1), List.of(2, 3));
        Batch b = collator.packed(seqs, rows, 5);
        assertThat(b.inputIds()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(b.positionIds()).containsExactly(0, 1, 2, 0, 1, 0, 1, 2, 3, 0);
        assertThat(b.lossMask()).containsExactly(0, 1, 1, 0, 1, 0, 1, 1, 1, 1);
        assertThat(b.indices()).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> Packer.pack(seqs, 3))
                .hasMessage("sequence 2 has 4 tokens, more than the packing length 3; fit or drop it first"
                        + " (Truncation, Overflow)");
    }
}
