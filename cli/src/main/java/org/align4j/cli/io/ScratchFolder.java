package org.align4j.cli.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.io.AtomicDirectory;

/**
 * A temporary folder a command works in and deletes when it is done (the benchmarks' models and databases).
 * Deleting is best effort: a folder left behind in the temporary directory is harmless, and the command's
 * result has been printed by then.
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    /** A new empty folder in the system's temporary directory, its name starting with {@code prefix}. */
    public static ScratchFolder create(String prefix) {
        try {
            return new ScratchFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the folder and what is in it; a failure leaves it behind (see the class comment). */
    @Override
    public void close() {
        try {
            AtomicDirectory.deleteRecursively(path);
        } catch (UncheckedIOException e) {
            // Left behind: harmless, see the class comment.
        }
    }
}
