package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataOrderTest {
    @Test
    void everyEpochVisitsEveryExampleOnceInBatchesWithASmallerLastOne() {
        DataOrder order = new DataOrder(10, 4, 7, true);
        assertThat(order.batchesPerEpoch()).isEqualTo(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] a = order.batch(epoch * 3L);
            int[] b = order.batch(epoch * 3L + 1);
            int[] c = order.batch(epoch * 3L + 2);
            assertThat(a).hasSize(4);
            assertThat(c).hasSize(2);
            int[] all = IntStream.concat(IntStream.concat(Arrays.stream(a), Arrays.stream(b)), Arrays.stream(c))
                    .sorted().toArray();
            assertThat(all).containsExactly(IntStream.range(0, 10).toArray());
            assertThat(order.epochOf(epoch * 3L + 2)).isEqualTo(epoch);
        }
    }

    @Test
    void theOrderDependsOnlyOnSeedAndEpoch() {
        DataOrder one = new DataOrder(50, 5, 3, true);
        DataOrder two = new DataOrder(50, 5, 3, true);
        two.batch(37); // visiting other epochs first changes nothing
        assertThat(two.permutation(1)).containsExactly(one.permutation(1));
        assertThat(one.permutation(0)).isNotEqualTo(one.permutation(1));
        assertThat(new DataOrder(50, 5, 4, true).permutation(0)).isNotEqualTo(one.permutation(0));
    }

    @Test
    void withoutShuffleTheOrderIsTheFileOrder() {
        assertThat(new DataOrder(5, 2, 1, false).batch(1)).containsExactly(2, 3);
    }
}
