package org.align4j.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes whole files atomically: a temporary file in the same directory, then a rename. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target}; the target is either the old file or the complete new one. */
    public static void write(Path target, byte[] bytes) {
        Path abs = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(abs.getParent());
            temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.write(temp, bytes);
            matchPermissions(temp, abs);
            move(temp, abs);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
    }

    /** Copies {@code in} to {@code target} atomically. */
    public static void copy(InputStream in, Path target) {
        try {
            write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source of " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the temporary file the target's permissions, or rw-r--r-- for a new file ({@code createTempFile}
     * makes it owner-only), so that replacing a file does not change who can read it.
     */
    static void matchPermissions(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, perms);
    }

    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp, IOException cause) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
