package org.align4j.reward.eval;

import java.util.List;
import org.align4j.reward.RewardMetrics.CalibrationBucket;

/**
 * A reward model on held-out preference pairs.
 *
 * @param count pairs
 * @param loss the training objective (Bradley–Terry with the run's margin and centring settings)
 * @param accuracy share of pairs whose chosen answer scores higher (ties count as wrong)
 * @param meanMargin mean of {@code r(chosen) − r(rejected)}
 * @param meanChosen mean score of the chosen answers
 * @param meanRejected mean score of the rejected answers
 * @param calibration all answers bucketed by score, against the share of them that were the chosen answer
 */
public record PairReport(int count, double loss, double accuracy, double meanMargin, double meanChosen,
        double meanRejected, List<CalibrationBucket> calibration) implements RewardReport {

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
                new Measure("rejected_score", "mean_rejected_score", meanRejected));
    }

    @Override
    public String rateKey() {
        return "chosen_rate";
    }

    @Override
    public String format() {
        return String.format("pairs %d  accuracy %.4f  mean margin %.4f  loss %.4f  (chosen %.3f, rejected %.3f)%n",
                count, accuracy, meanMargin, loss, meanChosen, meanRejected)
                + ReportJson.table(calibration, "chosen rate");
    }
}
