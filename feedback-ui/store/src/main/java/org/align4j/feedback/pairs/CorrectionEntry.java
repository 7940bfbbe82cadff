package org.align4j.feedback.pairs;

import java.time.Instant;

/** A doctor's corrected version of an answer: the correction is preferred over the original. */
public record CorrectionEntry(long correctionId, long responseId, long promptId, long userId,
                              String correctedText, String originalText, Instant at) {}
