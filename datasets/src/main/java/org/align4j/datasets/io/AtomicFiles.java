package org.align4j.datasets.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes whole files atomically: a temporary file in the same directory, then a rename. A reader sees the old
 * file or the complete new one; a failure (an exception of the content, a full disk, a crash) leaves the old
 * file as it was and deletes the temporary file (a crash can leave a hidden {@code .NAME…tmp} beside it).
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes a file's content to its stream, e.g. row by row, without holding it all in memory. */
    @FunctionalInterface
    public interface Content {
        /** Writes to {@code out}, which {@link AtomicFiles} buffers and closes. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills the temporary file itself, for writers that take a path (H2's {@code BACKUP TO}, safetensors). */
    @FunctionalInterface
    public interface FileContent {
        /** Writes the whole content to {@code temp}, an empty file that later replaces the target. */
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target}; the target is either the old file or the complete new one. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code lines} to {@code target} as UTF-8, each followed by {@code \n}. */
    public static void writeLines(Path target, Iterable<String> lines) {
        write(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * Writes what {@code content} streams to {@code target}; an existing target keeps its permissions, a new one
     * gets rw-r--r--.
     */
    public static void write(Path target, Content content) {
        writeFile(target, stream(content), null);
    }

    /**
     * Like {@link #write(Path, Content)} for a file that holds a secret: rw------- whatever the old file had,
     * from the temporary file's creation on, so the content is never readable by others.
     */
    public static void writeOwnerOnly(Path target, Content content) {
        writeFile(target, stream(content), OWNER_ONLY);
    }

    /** Like {@link #write(Path, Content)} for a writer that fills the temporary file by its path. */
    public static void writeFile(Path target, FileContent content) {
        writeFile(target, content, null);
    }

    /** Copies {@code in} to {@code target} atomically. */
    public static void copy(InputStream in, Path target) {
        try {
            write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source of " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@code permissions} null: the target's own, or rw-r--r-- for a new file. */
    private static void writeFile(Path target, FileContent content, Set<PosixFilePermission> permissions) {
        Path abs = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = createTemp(abs);
            content.writeTo(temp);
            setPermissions(temp, abs, permissions);
            move(temp, abs);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    private static FileContent stream(Content content) {
        return temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
        };
    }

    /** An empty, owner-only, hidden {@code .NAME…tmp} file beside {@code target} (absolute), its directory created. */
    static Path createTemp(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    }

    /**
     * Gives the temporary file the target's permissions, or rw-r--r-- for a new file ({@code createTempFile}
     * makes it owner-only), so that replacing a file does not change who can read it.
     */
    static void matchPermissions(Path temp, Path target) throws IOException {
        setPermissions(temp, target, null);
    }

    private static void setPermissions(Path temp, Path target, Set<PosixFilePermission> permissions)
            throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = permissions != null ? permissions
                : Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
        Files.setPosixFilePermissions(temp, perms);
    }

    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
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
