package org.align4j.ppo.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.align4j.ppo.math.KlEstimator;
import org.junit.jupiter.api.Test;

class AnswerStatsTest {
    /** Answers of lengths 2 and 1 (the first stopped), scores 3 and 1, k1 per token 0.5, −1 | 0. */
    private static Rollout first() {
        SequenceBatch b = new SequenceBatch(new int[][] {{1}, {1}}, new int[][] {{5, 6}, {7}}, 0);
        return new Rollout(b, List.of("p", "q"), List.of("a", "b"), new boolean[] {true, false},
                new float[][] {{-1f, -2f}, {-0.5f, 0f}}, new float[][] {{-1.5f, -1f}, {-0.5f, 0f}},
                new float[][] {{0f, 0f}, {0f, 0f}}, new float[] {3f, 1f}, new float[] {3f, 1f});
    }

    /** One answer of length 3, stopped, score −1, k1 per token 1, 1, 1. */
    private static Rollout second() {
        SequenceBatch b = new SequenceBatch(new int[][] {{1}}, new int[][] {{5, 6, 7}}, 0);
        return new Rollout(b, List.of("r"), List.of("c"), new boolean[] {true}, new float[][] {{0f, 0f, 0f}},
                new float[][] {{-1f, -1f, -1f}}, new float[][] {{0f, 0f, 0f}}, new float[] {-1f}, new float[] {-1f});
    }

    @Test
    void meansAreOverAllAnswersOfAllRollouts() {
        AnswerStats s = AnswerStats.of(List.of(first(), second()));
        // scores (3 + 1 − 1) / 3, lengths (2 + 1 + 3) / 3, stopped 2 of 3
        assertThat(s.answers()).isEqualTo(3);
        assertThat(s.meanRawScore()).isCloseTo(1.0, within(1e-12));
        assertThat(s.meanLength()).isEqualTo(2.0);
        assertThat(s.eosShare()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(AnswerStats.of(first()).meanLength()).isEqualTo(1.5);
        Map<String, Double> m = new HashMap<>();
        s.putLengthAndEos(m, "eval_");
        assertThat(m).containsOnlyKeys("eval_answer_length", "eval_eos_share");
    }

    @Test
    void theHeldOutKlIsTheMeanOfEachAnswersSummedTokenEstimates() {
        // answer sums: 0.5 − 1 = −0.5, 0 (only its first token counts), 3 -> mean 2.5 / 3
        assertThat(AnswerStats.meanKl(List.of(first(), second()), KlEstimator.K1)).isCloseTo(2.5 / 3, within(1e-9));
    }

    @Test
    void theRolloutsAnswerBatchesJoinInOrder() {
        org.align4j.ppo.reward.AnswerBatch b = org.align4j.ppo.reward.AnswerBatch.concat(
                List.of(first().answerBatch(), second().answerBatch()));
        assertThat(b.prompts()).containsExactly("p", "q", "r");
        assertThat(b.answers()).containsExactly("a", "b", "c");
        assertThat(b.lengths()).containsExactly(2, 1, 3);
        assertThat(b.stopped()).containsExactly(true, false, true);
    }
}
