package org.align4j.core.train.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The metric writers' one rule for IO errors: unchecked, naming the file and what failed. */
final class MetricFiles {
    private MetricFiles() {}

    /** An IO operation on an open metrics file. */
    interface IoAction {
        void run() throws IOException;
    }

    /** Runs {@code action}; an IOException becomes "cannot VERB FILE: reason". */
    static void io(Path file, String verb, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + verb + " " + file + ": " + e.getMessage(), e);
        }
    }
}
