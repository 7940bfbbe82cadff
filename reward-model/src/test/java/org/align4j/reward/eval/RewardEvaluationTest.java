package org.align4j.reward.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.reward.config.RewardLossConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RatingExamples;
import org.junit.jupiter.api.Test;

class RewardEvaluationTest {
    private static final RewardLossConfig TWO_BUCKETS = new RewardLossConfig(0, 0, 8, 2, 0.5);

    @Test
    void pairReportsMatchHandValues() {
        PairExamples pairs = PairExamples.of(List.of(PreferencePair.of("q1", "good", "bad"),
                PreferencePair.of("q2", "fine", "poor")), "p.jsonl");
        // chosen 2, 0; rejected 0, 1 → differences 2 and −1
        PairReport r = (PairReport) RewardEvaluation.of(pairs, new float[] {2f, 0f, 0f, 1f}, TWO_BUCKETS);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.accuracy()).isEqualTo(0.5);
        assertThat(r.meanMargin()).isCloseTo(0.5, within(1e-9));
        assertThat(r.loss()).isCloseTo((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(1))) / 2, within(1e-6));
        assertThat(r.meanChosen()).isEqualTo(1.0);
        assertThat(r.meanRejected()).isEqualTo(0.5);
        // scores sorted: 0 (chosen), 0 (rejected), 1 (rejected), 2 (chosen) → two buckets of two, half chosen each
        assertThat(r.calibration()).extracting(c -> c.positiveRate()).containsExactly(0.5, 0.5);
        assertThat(r.metrics("eval_")).containsEntry("eval_accuracy", 0.5).containsKey("eval_loss");
        assertThat(r.toJson().get("calibration").get(1).get("chosen_rate").asDouble()).isEqualTo(0.5);
        assertThat(r.format()).contains("accuracy 0.5000").contains("chosen rate");
        // scores 2, 0, 0, 1: mean 0.75, std √0.6875; only 2 is within the outer tenth of the largest distance 1.25
        assertThat(r.spread().std()).isCloseTo(Math.sqrt(0.6875), within(1e-6));
        assertThat(r.spread().nearMaxShare()).isEqualTo(0.25);
        assertThat(r.metrics("eval_")).containsEntry("eval_near_max_share", 0.25);
        assertThat(r.toJson().get("score_std").asDouble()).isCloseTo(Math.sqrt(0.6875), within(1e-6));
        assertThat(r.format()).contains("score spread: std 0.829, share near the extremes 0.250");
    }

    @Test
    void theEvaluationLossIsTheTrainingObjectiveWithMarginAndCentring() {
        PairExamples pairs = new PairExamples(List.of("q"), List.of("a"), List.of("b"), new float[] {2f}, List.of("x"));
        RewardLossConfig cfg = new RewardLossConfig(0.5, 0.1, 8, 1, 0.5);
        // diff 3 − 0 − 0.5·2 = 2; centring 0.1·(3 + 0)²
        PairReport r = (PairReport) RewardEvaluation.of(pairs, new float[] {3f, 0f}, cfg);
        assertThat(r.loss()).isCloseTo(Math.log1p(Math.exp(-2)) + 0.9, within(1e-5));
        RewardLossConfig smoothed = new RewardLossConfig(0.5, 0.1, 0.2, 8, 1, 0.5);
        PairReport s = (PairReport) RewardEvaluation.of(pairs, new float[] {3f, 0f}, smoothed);
        assertThat(s.loss()).isCloseTo(0.8 * Math.log1p(Math.exp(-2)) + 0.2 * Math.log1p(Math.exp(2)) + 0.9,
                within(1e-5));
    }

    @Test
    void ratingReportsGiveMseCorrelationsAndThumbsUpRateByScore() {
        RatingExamples ratings = RatingExamples.of(List.of(Rating.thumbs("q", "a", false), Rating.thumbs("q", "b", false),
                Rating.thumbs("q", "c", true), Rating.of("q", "d", 5)), "r.jsonl");
        RatingReport r = (RatingReport) RewardEvaluation.of(ratings, new float[] {0f, 0.2f, 0.8f, 1.2f}, TWO_BUCKETS);
        assertThat(r.mse()).isCloseTo((0 + 0.04 + 0.04 + 0.04) / 4, within(1e-6));
        assertThat(r.loss()).isEqualTo(r.mse());
        // ranks 1, 2, 3, 4 against tied ranks 1.5, 1.5, 3.5, 3.5: correlation 4 / (√5 · 2)
        assertThat(r.spearman()).isCloseTo(2 / Math.sqrt(5), within(1e-9));
        assertThat(r.pearson()).isGreaterThan(0.9);
        assertThat(r.calibration()).extracting(c -> c.positiveRate()).containsExactly(0.0, 1.0);
        assertThat(r.toJson().get("calibration").get(1).get("positive_rate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void metricsAndJsonNameEachMeasureInTheirOwnKeys() {
        PairReport pairs = new PairReport(3, 0.4, 0.75, 1.5, 2.0, 0.5,
                new org.align4j.reward.RewardMetrics.ScoreSpread(1.25, 0.5), List.of());
        assertThat(pairs.metrics("eval_")).containsExactly(entry("eval_loss", 0.4), entry("eval_accuracy", 0.75),
                entry("eval_margin", 1.5), entry("eval_chosen_score", 2.0), entry("eval_rejected_score", 0.5),
                entry("eval_score_std", 1.25), entry("eval_near_max_share", 0.5));
        assertThat(pairs.toJson().toString()).isEqualTo("{\"kind\":\"pairs\",\"count\":3,\"loss\":0.4,"
                + "\"accuracy\":0.75,\"mean_margin\":1.5,\"mean_chosen_score\":2.0,\"mean_rejected_score\":0.5,"
                + "\"score_std\":1.25,\"near_max_share\":0.5,\"calibration\":[]}");
        RatingReport ratings = new RatingReport(4, 0.25, 0.5, 0.6, List.of());
        assertThat(ratings.metrics("")).containsExactly(entry("loss", 0.25), entry("mse", 0.25), entry("pearson", 0.5),
                entry("spearman", 0.6));
        assertThat(ratings.toJson().toString()).isEqualTo("{\"kind\":\"ratings\",\"count\":4,\"mse\":0.25,"
                + "\"pearson\":0.5,\"spearman\":0.6,\"calibration\":[]}");
    }

    @Test
    void undefinedCorrelationsAreWrittenAsJsonNull() {
        RatingExamples one = RatingExamples.of(List.of(Rating.thumbs("q", "a", true)), "r.jsonl");
        RatingReport r = (RatingReport) RewardEvaluation.of(one, new float[] {0.5f}, TWO_BUCKETS);
        assertThat(r.pearson()).isNaN();
        assertThat(r.toJson().get("pearson").isNull()).isTrue();
    }

    @Test
    void scoresMustMatchTheAnswers() {
        PairExamples pairs = PairExamples.of(List.of(PreferencePair.of("q1", "good", "bad")), "p.jsonl");
        assertThatThrownBy(() -> RewardEvaluation.of(pairs, new float[] {1f}, TWO_BUCKETS))
                .hasMessageContaining("1 scores for 2 answers");
    }
}
