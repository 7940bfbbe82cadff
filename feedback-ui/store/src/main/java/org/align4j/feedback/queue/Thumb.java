package org.align4j.feedback.queue;

/** A doctor's verdict on one answer. */
public enum Thumb {
    UP(1),
    DOWN(-1);

    private final int value;

    Thumb(int value) {
        this.value = value;
    }

    /** +1 for 👍, -1 for 👎 (the stored value). */
    public int value() {
        return value;
    }
}
