package org.align4j.cli;

/** The rule of the options that count something a command needs at least one of (a batch, samples, threads). */
public final class CountOptions {
    private CountOptions() {}

    /**
     * {@code value} when it is at least 1; else the error that names the option, e.g. {@code --batch-size must be
     * >= 1, got 0}.
     *
     * @param option the option as the user typed it, with its dashes
     */
    public static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
        return value;
    }
}
