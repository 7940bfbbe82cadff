package org.align4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --batch-size} of the commands that score their input lines with a model, a forward pass per batch
 * ({@code align score}, {@code align reward score}); each command gives its own default.
 */
public final class BatchSizeOption {
    @Option(names = "--batch-size", paramLabel = "<batchSize>", description = "sequences per forward pass (default: ${DEFAULT-VALUE})")
    int size;

    /** The option with {@code defaultSize} when it is not given (picocli shows the field's initial value). */
    public BatchSizeOption(int defaultSize) {
        size = defaultSize;
    }

    /** The size given, checked by {@link Batches#checkSize}. */
    public int size() {
        return Batches.checkSize(size);
    }
}
