package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairMergerTest {
    /** Ids 0..9 exist; every merge makes a new id from 10 on. */
    private static final class Counter implements PairMerger.Vocabulary {
        int size = 10;

        @Override
        public int merge(int left, int right) {
            return size++;
        }

        @Override
        public int size() {
            return size;
        }
    }

    @Test
    void mergesTheMostFrequentPairFirstWeightingWordsByFrequency() {
        // "1 2 1 2" x2 and "1 2 3" x1: (1,2) = 2*2 + 1 = 5, (2,1) = 2, (2,3) = 1.
        PairMerger m = new PairMerger(new int[][] {{1, 2, 1, 2}, {1, 2, 3}}, new long[] {2, 1});
        List<PairMerger.Merge> merges = m.run(new Counter(), 100, 1);
        // Then "10 10" x2, "10 3" x1: (10,10) = 2 before (10,3) = 1.
        assertThat(merges).containsExactly(
                new PairMerger.Merge(1, 2, 10, 5), new PairMerger.Merge(10, 10, 11, 2), new PairMerger.Merge(10, 3, 12, 1));
        assertThat(m.word(0)).containsExactly(11);
        assertThat(m.word(1)).containsExactly(12);
    }

    @Test
    void overlappingRepeatsMergeLeftToRightAndCountOnce() {
        // (1,1) occurs 3 times in "1 1 1 1" and twice in "1 1 1" (5, as Hugging Face counts); merging
        // left to right gives "10 10" and "10 1". Then (10,10) and (10,1) tie at 1: (10,1) is smaller.
        PairMerger m = new PairMerger(new int[][] {{1, 1, 1, 1}, {1, 1, 1}}, new long[] {1, 1});
        List<PairMerger.Merge> merges = m.run(new Counter(), 100, 1);
        assertThat(merges).containsExactly(new PairMerger.Merge(1, 1, 10, 5), new PairMerger.Merge(10, 1, 11, 1),
                new PairMerger.Merge(10, 10, 12, 1));
        assertThat(m.word(0)).containsExactly(12);
        assertThat(m.word(1)).containsExactly(11);
    }

    @Test
    void tiesGoToTheSmallerPairAndMinFrequencyStopsTheLoop() {
        PairMerger m = new PairMerger(new int[][] {{5, 6}, {3, 4}, {7, 8}}, new long[] {2, 2, 1});
        List<PairMerger.Merge> merges = m.run(new Counter(), 100, 2);
        assertThat(merges).containsExactly(new PairMerger.Merge(3, 4, 10, 2), new PairMerger.Merge(5, 6, 11, 2));
    }

    @Test
    void stopsAtTheTargetVocabularySize() {
        PairMerger m = new PairMerger(new int[][] {{1, 2, 3, 4}}, new long[] {1});
        assertThat(m.run(new Counter(), 12, 1)).hasSize(2);
    }
}
