package org.align4j.feedback.stats;

import java.util.List;
import org.align4j.feedback.refresh.TrainingRun;

/** Everything the admin page draws. */
public record AdminSnapshot(
        List<DayCount> perDay,
        List<DoctorCount> perDoctor,
        Agreement agreement,
        List<ModelRate> perModel,
        String productionModel,
        List<TrainingRun> runs,
        long activePairs) {

    /** Feedback given on one UTC day (yyyy-MM-dd). */
    public record DayCount(String day, long ratings, long comparisons, long corrections) {}

    /** What one doctor has done. */
    public record DoctorCount(String username, String displayName, long ratings, long comparisons, long corrections, long skips) {}

    /** Cohen's kappa of two doctors over the answers both rated (null when undefined). */
    public record PairKappa(String doctorA, String doctorB, int items, Double kappa) {}

    /** Fleiss' kappa over answers rated by two or more doctors, and Cohen's kappa per pair of doctors. */
    public record Agreement(Double fleissKappa, int items, List<PairKappa> pairs) {}

    /** A model version's 👍 rate with its 95% Wilson score interval (nulls when it has no ratings). */
    public record ModelRate(String modelVersion, long up, long down, Double rate, Double low, Double high) {}
}
