package org.align4j.feedback.queue;

/** An answer waiting for a doctor's 👍/👎 or correction. The model version is not shown to doctors. */
public record RateItem(long responseId, long promptId, String prompt, String answer) {}
