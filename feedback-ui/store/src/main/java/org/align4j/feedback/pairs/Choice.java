package org.align4j.feedback.pairs;

/** A doctor's verdict on two answers shown side by side: A (left) better, B (right) better, or both bad. */
public enum Choice {
    A,
    B,
    BOTH_BAD
}
