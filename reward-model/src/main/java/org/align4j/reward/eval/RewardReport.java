package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.reward.RewardMetrics.CalibrationBucket;

/** The evaluation of a reward model on held-out data: {@link PairReport} or {@link RatingReport}. */
public sealed interface RewardReport permits PairReport, RatingReport {
    /**
     * One scalar of a report, under its key in the training metrics and in the JSON report.
     *
     * @param metricKey the key after the prefix in {@link #metrics}; null when not logged there
     * @param jsonKey the key in {@link #toJson}; null when not written there
     */
    record Measure(String metricKey, String jsonKey, double value) {}

    /** {@code pairs} or {@code ratings}: the JSON report's {@code kind}. */
    String kind();

    /** The scalars, in the order the metrics and the JSON list them. */
    List<Measure> measures();

    /** The JSON key of a calibration bucket's observed rate. */
    String rateKey();

    /** The number of pairs or ratings evaluated. */
    int count();

    /** The objective's value on the data (Bradley–Terry loss or MSE): what early stopping watches. */
    double loss();

    /** Score buckets against the observed positive rate (thumbs up, or being the chosen answer). */
    List<CalibrationBucket> calibration();

    /** The scalar metrics, each key prefixed (e.g. {@code eval_accuracy}). */
    default Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Measure x : measures()) {
            if (x.metricKey() != null) {
                m.put(prefix + x.metricKey(), x.value());
            }
        }
        return m;
    }

    /** The report as JSON: kind, count, the measures and the calibration table. */
    default ObjectNode toJson() {
        ObjectNode o = ReportJson.object();
        o.put("kind", kind());
        o.put("count", count());
        for (Measure x : measures()) {
            if (x.jsonKey() != null) {
                ReportJson.put(o, x.jsonKey(), x.value());
            }
        }
        o.set("calibration", ReportJson.calibration(calibration(), rateKey()));
        return o;
    }

    /** A human-readable summary with the calibration table. */
    String format();
}
