package org.align4j.reward.eval;

import java.util.List;
import org.align4j.reward.RewardMetrics.CalibrationBucket;
import org.align4j.reward.RewardMetrics.ScoreSpread;

/**
 * A reward model on held-out preference pairs.
 *
 * @param count pairs
 * @param loss the training objective (Bradley–Terry with the run's margin and centring settings)
 * @param accuracy share of pairs whose chosen answer scores higher (ties count as wrong)
 * @param meanMargin mean of {@code r(chosen) − r(rejected)}
 * @param meanChosen mean score of the chosen answers
 * @param meanRejected mean score of the rejected answers
 * @param spread how spread out all answers' scores are (std, share near the extremes): saturation shows here
 * @param calibration all answers bucketed by score, against the share of them that were the chosen answer
 */
public record PairReport(int count, double loss, double accuracy, double meanMargin, double meanChosen,
        double meanRejected, ScoreSpread spread, List<CalibrationBucket> calibration) implements RewardReport {

    public PairReport {
        calibration = List.copyOf(calibration);
    }

    @Override
    public String kind() {
        return "pairs";
    }

    @Override
    public List<Measure> measures() {
        return List.of(new Measure("loss", "loss", loss), new Measure("accuracy", "accuracy", accuracy),
                new Measure("margin", "mean_margin", meanMargin),
                new Measure("chosen_score", "mean_chosen_score", meanChosen),
                new Measure("rejected_score", "mean_rejected_score", meanRejected),
                new Measure("score_std", "score_std", spread.std()),
                new Measure("near_max_share", "near_max_share", spread.nearMaxShare()));
    }

    @Override
    public String rateKey() {
        return "chosen_rate";
    }

    @Override
    public String format() {
        return String.format("pairs %d  accuracy %.4f  mean margin %.4f  loss %.4f  (chosen %.3f, rejected %.3f)%n"
                + "score spread: std %.3f, share near the extremes %.3f%n",
                count, accuracy, meanMargin, loss, meanChosen, meanRejected, spread.std(), spread.nearMaxShare())
                + ReportJson.table(calibration, "chosen rate");
    }
}
