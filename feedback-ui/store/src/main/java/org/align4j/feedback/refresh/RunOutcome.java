package org.align4j.feedback.refresh;

import java.util.Objects;

/**
 * What a finished run reports.
 *
 * @param decision promoted, rejected or failed
 * @param modelVersionId the version the run produced (required when promoted; may be null otherwise)
 * @param pairsUpToId the highest pair id trained on (the next watermark when promoted)
 * @param pairsUsed how many pairs were trained on
 * @param metricsJson a JSON object of metrics (e.g. {"eval_loss":0.61,"win_rate":0.57}); may be null
 * @param message a human-readable note (why rejected, the error of a failure); may be null
 */
public record RunOutcome(Decision decision, Long modelVersionId, long pairsUpToId, int pairsUsed,
                         String metricsJson, String message) {
    public RunOutcome {
        Objects.requireNonNull(decision, "decision");
        if (decision == Decision.PROMOTED && modelVersionId == null) {
            throw new IllegalArgumentException("modelVersionId is null: a promoted run must name the model version it produced");
        }
        if (pairsUsed < 0) {
            throw new IllegalArgumentException("pairsUsed is " + pairsUsed + ": must be >= 0");
        }
        if (pairsUpToId < 0) {
            throw new IllegalArgumentException("pairsUpToId is " + pairsUpToId + ": must be >= 0");
        }
    }
}
