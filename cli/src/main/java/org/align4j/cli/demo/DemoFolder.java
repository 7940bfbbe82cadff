package org.align4j.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.align4j.core.io.AtomicDirectory;

/**
 * The demo's output folder. A demo never reuses an earlier run's files silently: a non-empty folder is
 * refused unless the user asks for {@code --force}, which empties it first, and only when an earlier demo
 * made it (it holds the {@value #MARKER} file the demo writes first), so that a mistyped
 * {@code --out . --force} cannot delete a project or a home folder.
 */
final class DemoFolder {
    /** Written into every demo folder before anything else; {@code --force} empties only folders that hold it. */
    static final String MARKER = ".align-demo";

    private DemoFolder() {}

    static Path prepare(Path out, boolean force) {
        Path dir = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " is a file; give --out a folder");
            }
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!force) {
                    throw new IllegalArgumentException(dir + " is not empty (an earlier demo?); the demo reuses"
                            + " nothing: give another --out, or --force to delete its contents and start over");
                }
                if (!Files.isRegularFile(dir.resolve(MARKER))) {
                    throw new IllegalArgumentException("--force empties only a folder made by align demo (one that"
                            + " holds " + MARKER + "), and " + dir + " has none: check --out, then delete the folder"
                            + " yourself or give another --out");
                }
                deleteContents(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "made by align demo: `align demo --force` may empty this folder\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(AtomicDirectory::deleteRecursively);
        }
    }
}
