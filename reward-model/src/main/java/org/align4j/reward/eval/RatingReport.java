package org.align4j.reward.eval;

import java.util.List;
import org.align4j.reward.RewardMetrics.CalibrationBucket;

/**
 * A reward model on held-out ratings; targets are scores mapped onto [0, 1] (thumbs 0/1, 1–5 as
 * {@code (s − 1) / 4}).
 *
 * @param count ratings
 * @param mse mean squared error of score against target (the training objective)
 * @param pearson Pearson correlation of score and target (Apache Commons Math)
 * @param spearman Spearman rank correlation of score and target
 * @param calibration answers bucketed by score, against their observed positive (thumbs-up) rate
 */
public record RatingReport(int count, double mse, double pearson, double spearman,
        List<CalibrationBucket> calibration) implements RewardReport {

    public RatingReport {
        calibration = List.copyOf(calibration);
    }

    @Override
    public double loss() {
        return mse;
    }

    @Override
    public String kind() {
        return "ratings";
    }

    /** The loss is the MSE: logged under both names for training, written once as {@code mse} in the JSON. */
    @Override
    public List<Measure> measures() {
        return List.of(new Measure("loss", null, mse), new Measure("mse", "mse", mse),
                new Measure("pearson", "pearson", pearson), new Measure("spearman", "spearman", spearman));
    }

    @Override
    public String rateKey() {
        return "positive_rate";
    }

    @Override
    public String format() {
        return String.format("ratings %d  mse %.4f  pearson %.4f  spearman %.4f%n", count, mse, pearson, spearman)
                + ReportJson.table(calibration, "thumbs-up rate");
    }
}
