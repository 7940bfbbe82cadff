package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsTest {
    @Test
    void tokensSplitChineseByCharacterAndEnglishByWord() {
        assertThat(TextTokens.of("Call 120, 立即就医!")).containsExactly("call", "120", "立", "即", "就", "医");
    }

    @Test
    void rougeLMatchesHandComputation() {
        // candidate: see a doctor now (4), reference: please see a doctor (4); LCS = see a doctor (3)
        assertThat(TextMetrics.rougeL("see a doctor now", "please see a doctor")).isCloseTo(0.75, within(1e-12));
        assertThat(TextMetrics.rougeL("立即就医", "请立即就医")).isCloseTo(2 * 1.0 * 0.8 / 1.8, within(1e-12));
        assertThat(TextMetrics.rougeL("abc", "xyz")).isZero();
    }

    @Test
    void referenceHitRateRanksEachAnswersOwnReferenceAmongAllReferences() {
        List<String> refs = List.of("call 120 now please", "drink water and rest", "take ibuprofen");
        // answer 0 vs its own reference: LCS 3 of 3 and 4 tokens, F1 6/7; the others share nothing: rank 0, a hit.
        // answer 1 vs "drink water and rest": LCS "drink water" 2 of 4 and 4, F1 0.5; the others 0: a hit.
        // answer 2 answers question 0: its own reference scores 0, reference 0 scores 6/7: rank 1, a hit only at k 2.
        List<String> answers = List.of("call 120 now", "rest and drink water", "call 120 now");
        assertThat(TextMetrics.referenceHitRate(answers, refs, 1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TextMetrics.referenceHitRate(answers, refs, 2)).isEqualTo(1.0);
        // a tie with another reference does not push the own one down: both score 0 here
        assertThat(TextMetrics.referenceHitRate(List.of("sleep"), List.of("rest"), 1)).isEqualTo(1.0);
        assertThat(TextMetrics.referenceHitRate(List.of("x", "x"), List.of("y", "z"), 1)).isEqualTo(1.0);
        assertThat(TextMetrics.referenceHitRate(List.of(), List.of(), 5)).isNaN();
        assertThatThrownBy(() -> TextMetrics.referenceHitRate(answers, refs, 0)).hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> TextMetrics.referenceHitRate(answers, refs.subList(0, 2), 1))
                .hasMessageContaining("3 candidates but 2 references");
    }

    @Test
    void distinctNCountsEachNgramOnceOverAllAnswers() {
        // bigrams: "call 120" "120 now" | "call 120" "120 now" | "rest and" "and rest" "rest and": 7, of which 4 distinct
        assertThat(TextMetrics.distinctN(List.of("Call 120 now.", "call 120 now", "rest and rest and"), 2))
                .isCloseTo(4.0 / 7, within(1e-12));
        // unigrams of the same answers: 3 + 3 + 4 = 10 tokens, distinct: call 120 now rest and = 5
        assertThat(TextMetrics.distinctN(List.of("Call 120 now.", "call 120 now", "rest and rest and"), 1))
                .isCloseTo(0.5, within(1e-12));
        // Han characters are tokens: 不要不要 = 不要 要不 不要 -> 2 of 3; no bigram spans two answers
        assertThat(TextMetrics.distinctN(List.of("不要不要", "a"), 2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TextMetrics.distinctN(List.of("a"), 2)).isNaN();
        assertThatThrownBy(() -> TextMetrics.distinctN(List.of("a"), 0)).hasMessageContaining("n must be >= 1");
    }

    @Test
    void bleuIsHundredForIdenticalTextAndFollowsBrevityPenalty() {
        String ref = "please see a doctor today if the fever lasts";
        assertThat(TextMetrics.corpusBleu(List.of(ref), List.of(ref))).isCloseTo(100, within(1e-9));
        // candidate = first 6 of 9 reference words: all n-gram precisions 1, BP = exp(1 − 9/6)
        String cand = "please see a doctor today if";
        assertThat(TextMetrics.corpusBleu(List.of(cand), List.of(ref))).isCloseTo(100 * Math.exp(1 - 9.0 / 6), within(1e-9));
        assertThat(TextMetrics.corpusBleu(List.of("completely different words here"), List.of(ref))).isZero();
    }

    @Test
    void bleuClipsRepeatedNgrams() {
        // "the the the the" vs "the cat": unigram precision clipped to 1/4 → bigrams have no match → 0
        assertThat(TextMetrics.corpusBleu(List.of("the the the the"), List.of("the cat"))).isZero();
        assertThat(TextMetrics.ngrams(TextTokens.of("a b a b"), 2)).containsEntry("a\u0001b", 2);
    }

    @Test
    void bootstrapIntervalContainsTheMeanAndIsReproducible() {
        double[] v = {0, 1, 1, 0, 1, 1, 1, 0, 1, 1};
        Bootstrap.Interval a = Bootstrap.mean(v, 2000, 0.95, 7);
        Bootstrap.Interval b = Bootstrap.mean(v, 2000, 0.95, 7);
        assertThat(a).isEqualTo(b);
        assertThat(a.mean()).isCloseTo(0.7, within(1e-12));
        assertThat(a.low()).isLessThan(0.7).isGreaterThanOrEqualTo(0.2);
        assertThat(a.high()).isGreaterThan(0.7).isLessThanOrEqualTo(1.0);
        assertThat(Bootstrap.winOutcomes(new float[] {1, 2, 3}, new float[] {2, 2, 1}, 1e-6)).containsExactly(0, 0.5, 1);
    }
}
