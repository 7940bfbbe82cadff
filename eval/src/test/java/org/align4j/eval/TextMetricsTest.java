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
