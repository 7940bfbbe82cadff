package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "loss", loss);
        m.put(prefix + "accuracy", accuracy);
        m.put(prefix + "margin", meanMargin);
        m.put(prefix + "chosen_score", meanChosen);
        m.put(prefix + "rejected_score", meanRejected);
        m.put(prefix + "score_std", spread.std());
        m.put(prefix + "near_max_share", spread.nearMaxShare());
        return m;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ReportJson.object();
        o.put("kind", "pairs");
        o.put("count", count);
        ReportJson.put(o, "loss", loss);
        ReportJson.put(o, "accuracy", accuracy);
        ReportJson.put(o, "mean_margin", meanMargin);
        ReportJson.put(o, "mean_chosen_score", meanChosen);
        ReportJson.put(o, "mean_rejected_score", meanRejected);
        ReportJson.put(o, "score_std", spread.std());
        ReportJson.put(o, "near_max_share", spread.nearMaxShare());
        o.set("calibration", ReportJson.calibration(calibration, "chosen_rate"));
        return o;
    }

    @Override
    public String format() {
        return String.format("pairs %d  accuracy %.4f  mean margin %.4f  loss %.4f  (chosen %.3f, rejected %.3f)%n"
                + "score spread: std %.3f, share near the extremes %.3f%n",
                count, accuracy, meanMargin, loss, meanChosen, meanRejected, spread.std(), spread.nearMaxShare())
                + ReportJson.table(calibration, "chosen rate");
    }
}
