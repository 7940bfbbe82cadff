package org.align4j.feedback.queue;

/** A doctor's verdict on one answer. */
public enum Thumb {
    UP(1, false),
    DOWN(-1, false),
    /** A 👎 marked unsafe: the answer could harm a patient. */
    UNSAFE(-1, true);

    private final int value;
    private final boolean unsafe;

    Thumb(int value, boolean unsafe) {
        this.value = value;
        this.unsafe = unsafe;
    }

    /** Whether the doctor marked the answer unsafe (always a 👎). */
    public boolean unsafe() {
        return unsafe;
    }

    /** +1 for 👍, -1 for 👎 (the stored value). */
    public int value() {
        return value;
    }
}
