package org.align4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The preallocated cache holds exactly what the concatenating one holds. */
class KvCacheTest {

    @Test
    void preallocatedAndConcatCachesReturnTheSameKeysAndValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConcatKvCache concat = new ConcatKvCache(m, 2);
            PreallocatedKvCache pre = new PreallocatedKvCache(m, 2, 7);
            int[] steps = {3, 1, 1, 2};
            for (int t : steps) {
                try (NDManager s = m.newSubManager()) {
                    for (int layer = 0; layer < 2; layer++) {
                        NDArray k = s.randomNormal(0, 1, new Shape(2, 3, t, 4), DataType.FLOAT32);
                        NDArray v = s.randomNormal(0, 1, new Shape(2, 3, t, 4), DataType.FLOAT32);
                        NDList a = concat.update(layer, k, v);
                        NDList b = pre.update(layer, k, v);
                        assertThat(b.get(0).getShape()).isEqualTo(new Shape(2, 3, concat.length() + t, 4));
                        assertThat(b.get(0).toFloatArray()).containsExactly(a.get(0).toFloatArray());
                        assertThat(b.get(1).toFloatArray()).containsExactly(a.get(1).toFloatArray());
                    }
                    concat.advance(t);
                    pre.advance(t);
                }
            }
            assertThat(pre.length()).isEqualTo(7);
            try (NDManager s = m.newSubManager()) {
                NDArray rows = s.create(new long[] {1});
                concat.select(rows);
                pre.select(rows);
                NDArray k = s.zeros(new Shape(1, 3, 0, 4));
                assertThat(pre.update(0, k, k).get(0).toFloatArray())
                        .containsExactly(concat.update(0, k, k).get(0).toFloatArray());
                NDArray one = s.zeros(new Shape(1, 3, 1, 4));
                assertThatThrownBy(() -> pre.update(1, one, one)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("holds 7 positions");
            }
            concat.close();
            pre.close();
        }
    }
}
