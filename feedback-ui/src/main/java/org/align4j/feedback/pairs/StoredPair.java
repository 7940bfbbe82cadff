package org.align4j.feedback.pairs;

import java.time.Instant;

/**
 * A preference pair as stored: {@code {"prompt","chosen","rejected"}} plus where it came from.
 * {@code id} only grows, so it serves as a training job's watermark.
 */
public record StoredPair(long id, String key, long promptId, String prompt, Long chosenResponseId, String chosen,
                         long rejectedResponseId, String rejected, String source, Double margin,
                         String provenanceJson, Instant feedbackAt) {}
