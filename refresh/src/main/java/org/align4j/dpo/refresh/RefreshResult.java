package org.align4j.dpo.refresh;

import java.util.Map;

/**
 * What a refresh run did.
 *
 * @param status how it ended
 * @param message one line for the operator
 * @param runId the training run recorded in the database, or null when none was started
 * @param modelVersionId the promoted model version, or null
 * @param metrics what was measured (empty when nothing was trained)
 */
public record RefreshResult(RefreshStatus status, String message, Long runId, Long modelVersionId,
        Map<String, Double> metrics) {
    public RefreshResult {
        metrics = Map.copyOf(metrics);
    }

    static RefreshResult of(RefreshStatus status, String message) {
        return new RefreshResult(status, message, null, null, Map.of());
    }
}
