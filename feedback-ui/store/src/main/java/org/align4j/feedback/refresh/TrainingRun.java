package org.align4j.feedback.refresh;

import java.time.Instant;

/**
 * One run of a training job (e.g. the nightly DPO refresh). It trained on the pairs with
 * {@code pairsAfterId < id <= pairsUpToId}; {@code metricsJson} is whatever JSON object the job
 * reported; {@code modelVersionId} is the version it produced. Fields of an unfinished run that
 * are not known yet are null.
 */
public record TrainingRun(
        long id,
        String job,
        boolean finished,
        Instant startedAt,
        Instant finishedAt,
        Long baseModelVersionId,
        Long modelVersionId,
        long pairsAfterId,
        Long pairsUpToId,
        Integer pairsUsed,
        String metricsJson,
        Decision decision,
        String message) {}
