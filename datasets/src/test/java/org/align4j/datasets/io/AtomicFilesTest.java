package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void aStreamedFileAppearsWholeInANewDirectoryReadableByOthers() throws IOException {
        Path f = dir.resolve("sub/rows.jsonl");
        AtomicFiles.write(f, out -> {
            for (int i = 0; i < 3; i++) {
                out.write(("{\"i\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        assertThat(Files.readString(f)).isEqualTo("{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n");
        assertThat(files(f.getParent())).containsExactly(f);
        assumePosix();
        assertThat(permissions(f)).isEqualTo("rw-r--r--");
    }

    @Test
    void aContentThatThrowsLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.jsonl");
        Files.writeString(f, "old\n");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + f + ": disk full (check that the directory is writable)");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalArgumentException("row 2 is not valid");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("row 2 is not valid");
        assertThat(Files.readString(f)).isEqualTo("old\n");
        assertThat(files(dir)).containsExactly(f);
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path f = existing("report.json", "rw-rw----");
        AtomicFiles.write(f, out -> out.write('x'));
        assertThat(Files.readString(f)).isEqualTo("x");
        assertThat(permissions(f)).isEqualTo("rw-rw----");
        AtomicFiles.writeLines(f, List.of("a", "b"));
        assertThat(Files.readString(f)).isEqualTo("a\nb\n");
        assertThat(permissions(f)).isEqualTo("rw-rw----");
    }

    @Test
    void anOwnerOnlyFileStaysOwnerOnlyWhateverTheOldFileAllowed() throws IOException {
        Path f = existing("server.properties", "rw-r--r--");
        AtomicFiles.writeOwnerOnly(f, out -> out.write("key=secret\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(f)).isEqualTo("key=secret\n");
        assertThat(permissions(f)).isEqualTo("rw-------");
    }

    @Test
    void aWriterThatTakesAPathFillsTheTemporaryFileBesideTheTarget() throws IOException {
        Path f = dir.resolve("backup.zip");
        AtomicFiles.writeFile(f, temp -> {
            assertThat(temp.getParent()).isEqualTo(dir);
            assertThat(temp.getFileName().toString()).startsWith(".backup.zip").endsWith(".tmp");
            Files.writeString(temp, "zip");
        });
        assertThat(Files.readString(f)).isEqualTo("zip");
        assertThat(files(dir)).containsExactly(f);
    }

    @Test
    void aTargetWhereADirectoryIsNeededFailsNamingTheFileAndLeavesNothing() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory is needed");
        Path f = blocker.resolve("out.json");
        assertThatThrownBy(() -> AtomicFiles.write(f, new byte[] {1})).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write " + f + ": ").hasMessageEndingWith("(check that the directory is writable)");
        assertThat(files(dir)).containsExactly(blocker);
    }

    /** A file {@code name} holding {@code old} with {@code permissions}; skips the test without POSIX permissions. */
    private Path existing(String name, String permissions) throws IOException {
        assumePosix();
        Path f = dir.resolve(name);
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    private static void assumePosix() throws IOException {
        Path probe = Path.of(System.getProperty("java.io.tmpdir"));
        assumeTrue(Files.getFileStore(probe).supportsFileAttributeView("posix"), "POSIX permissions");
    }

    private static String permissions(Path f) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }
}
