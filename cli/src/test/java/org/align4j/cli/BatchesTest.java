package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
    @Test
    void itemsAreCutInOrderWithAShorterLastBatch() {
        assertThat(Batches.of(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void aSizeThatDividesTheItemsGivesEqualBatchesAndNoItemsGiveNone() {
        assertThat(Batches.of(List.of(1, 2, 3, 4), 2)).containsExactly(List.of(1, 2), List.of(3, 4));
        assertThat(Batches.of(List.of(), 3)).isEmpty();
    }

    @Test
    void aSizeBelowOneIsRefusedNamingTheOption() {
        assertThat(Batches.checkSize(1)).isEqualTo(1);
        assertThatThrownBy(() -> Batches.checkSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--batch-size must be >= 1, got 0");
        assertThatThrownBy(() -> Batches.of(List.of(1), -2)).hasMessage("--batch-size must be >= 1, got -2");
    }
}
