package org.align4j.feedback.queue;

/** Two answers to one prompt, in the order they are shown: A on the left, B on the right. */
public record CompareItem(long promptId, String prompt, long responseAId, String answerA, long responseBId, String answerB) {}
