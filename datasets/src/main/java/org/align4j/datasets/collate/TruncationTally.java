package org.align4j.datasets.collate;

/**
 * Counts what align4j's own truncation ({@link Truncation}) did to a data set, for the run's log: every
 * stage reports it the same way, "N examples truncated, M dropped".
 */
public final class TruncationTally {
    private long examples;
    private long truncated;
    private long dropped;
    private long promptTokens;
    private long responseTokens;

    /** Records one fitted sequence; {@code dropped} when it was left out (no trainable token remained). */
    public void add(Truncation.Fitted f, boolean dropped) {
        record(f.promptTokensRemoved(), f.responseTokensRemoved(), dropped);
    }

    /** Records one fitted pair; {@code dropped} when it was left out. */
    public void add(Truncation.FittedPair f, boolean dropped) {
        record(f.promptTokensRemoved(), f.responseTokensRemoved(), dropped);
    }

    private void record(int promptCut, int responseCut, boolean wasDropped) {
        examples++;
        if (wasDropped) {
            dropped++;
        } else if (promptCut > 0 || responseCut > 0) {
            truncated++;
        }
        promptTokens += promptCut;
        responseTokens += responseCut;
    }

    public long examples() {
        return examples;
    }

    /** Examples kept in a shorter form. */
    public long truncated() {
        return truncated;
    }

    /** Answer tokens cut over all examples: answers that lost their endings. */
    public long responseTokens() {
        return responseTokens;
    }

    /** Examples left out. */
    public long dropped() {
        return dropped;
    }

    /**
     * E.g. {@code "train: 3 examples truncated, 1 dropped (of 200) at max_length 512; 40 prompt tokens and 12
     * answer tokens cut"}.
     */
    public String describe(String name, int maxLength) {
        String line = String.format("%s: %d examples truncated, %d dropped (of %d) at max_length %d", name, truncated,
                dropped, examples, maxLength);
        if (promptTokens > 0 || responseTokens > 0) {
            line += String.format("; %d prompt tokens and %d answer tokens cut", promptTokens, responseTokens);
        }
        return line;
    }
}
