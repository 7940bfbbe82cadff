package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFolderTest {
    @TempDir Path tmp;

    @Test
    void aMissingOrEmptyFolderIsUsedAsItIs() throws Exception {
        assertThat(DemoFolder.prepare(tmp.resolve("new/out"), false)).isDirectory();
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(DemoFolder.prepare(tmp.resolve("empty"), false)).isDirectory();
    }

    @Test
    void aNonEmptyFolderIsRefusedUnlessForcedAndForceEmptiesIt() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("runs/sft"));
        Files.writeString(out.resolve("runs/sft/metrics.jsonl"), "{}");
        Files.writeString(out.resolve("report.html"), "old");
        assertThatThrownBy(() -> DemoFolder.prepare(out, false)).hasMessageContaining("is not empty")
                .hasMessageContaining("--force");
        assertThat(out.resolve("report.html")).exists();
        assertThat(DemoFolder.prepare(out, true)).isEqualTo(out.toAbsolutePath().normalize());
        try (var s = Files.list(out)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> DemoFolder.prepare(file, true)).hasMessageContaining("is a file");
    }
}
