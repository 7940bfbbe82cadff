package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.align4j.reward.RewardMetrics.CalibrationBucket;

/** The evaluation of a reward model on held-out data: {@link PairReport} or {@link RatingReport}. */
public sealed interface RewardReport permits PairReport, RatingReport {
    /** The number of pairs or ratings evaluated. */
    int count();

    /** The objective's value on the data (Bradley–Terry loss or MSE): what early stopping watches. */
    double loss();

    /** Score buckets against the observed positive rate (thumbs up, or being the chosen answer). */
    List<CalibrationBucket> calibration();

    /** The scalar metrics, each key prefixed (e.g. {@code eval_accuracy}). */
    Map<String, Double> metrics(String prefix);

    /** The report as JSON: the metrics and the calibration table. */
    ObjectNode toJson();

    /** A human-readable summary with the calibration table. */
    String format();
}
