package org.align4j.reward.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.junit.jupiter.api.Test;

class RewardExamplesTest {
    @Test
    void pairsListPromptsOnceAsTextsAndTwiceAsAnswerPrompts() {
        PairExamples pairs = PairExamples.of(List.of(PreferencePair.of("q1", "c1", "r1"),
                PreferencePair.of("q2", "c2", "r2")), "p.jsonl");
        assertThat(pairs.size()).isEqualTo(2);
        assertThat(pairs.texts()).containsExactly("q1", "q2", "c1", "c2", "r1", "r2");
        assertThat(pairs.answers().prompts()).containsExactly("q1", "q2", "q1", "q2");
        assertThat(pairs.answers().answers()).containsExactly("c1", "c2", "r1", "r2");
        assertThat(pairs.labels()).containsExactly("example 1 of p.jsonl", "example 2 of p.jsonl");
    }

    @Test
    void ratingsPairEachAnswerWithItsPrompt() {
        RatingExamples ratings = RatingExamples.of(List.of(Rating.thumbs("q1", "a1", true),
                Rating.thumbs("q2", "a2", false)), "r.jsonl");
        assertThat(ratings.size()).isEqualTo(2);
        assertThat(ratings.texts()).containsExactly("q1", "q2", "a1", "a2");
        assertThat(ratings.answers().prompts()).containsExactly("q1", "q2");
        assertThat(ratings.answers().answers()).containsExactly("a1", "a2");
    }
}
