package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "loss", mse);
        m.put(prefix + "mse", mse);
        m.put(prefix + "pearson", pearson);
        m.put(prefix + "spearman", spearman);
        return m;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ReportJson.object();
        o.put("kind", "ratings");
        o.put("count", count);
        ReportJson.put(o, "mse", mse);
        ReportJson.put(o, "pearson", pearson);
        ReportJson.put(o, "spearman", spearman);
        o.set("calibration", ReportJson.calibration(calibration, "positive_rate"));
        return o;
    }

    @Override
    public String format() {
        return String.format("ratings %d  mse %.4f  pearson %.4f  spearman %.4f%n", count, mse, pearson, spearman)
                + ReportJson.table(calibration, "thumbs-up rate");
    }
}
