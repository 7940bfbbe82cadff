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
    void aMissingOrEmptyFolderIsUsedAndMarkedAsADemoFolder() throws Exception {
        assertThat(DemoFolder.prepare(tmp.resolve("new/out"), false)).isDirectory();
        assertThat(tmp.resolve("new/out").resolve(DemoFolder.MARKER)).isRegularFile();
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(DemoFolder.prepare(tmp.resolve("empty"), false)).isDirectory();
        try (var s = Files.list(tmp.resolve("empty"))) {
            assertThat(s).containsExactly(tmp.resolve("empty").resolve(DemoFolder.MARKER));
        }
    }

    @Test
    void aNonEmptyDemoFolderIsRefusedUnlessForcedAndForceEmptiesIt() throws Exception {
        Path out = DemoFolder.prepare(tmp.resolve("out"), false);
        Files.createDirectories(out.resolve("runs/sft"));
        Files.writeString(out.resolve("runs/sft/metrics.jsonl"), "{}");
        Files.writeString(out.resolve("report.html"), "old");
        assertThatThrownBy(() -> DemoFolder.prepare(out, false)).hasMessageContaining("is not empty")
                .hasMessageContaining("--force");
        assertThat(out.resolve("report.html")).exists();
        assertThat(DemoFolder.prepare(out, true)).isEqualTo(out.toAbsolutePath().normalize());
        try (var s = Files.list(out)) {
            assertThat(s).containsExactly(out.resolve(DemoFolder.MARKER));
        }
    }

    @Test
    void forceLeavesAFolderTheDemoDidNotMakeUntouched() throws Exception {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/Main.java"), "class Main {}");
        assertThatThrownBy(() -> DemoFolder.prepare(project, true)).hasMessageContaining("made by align demo")
                .hasMessageContaining(DemoFolder.MARKER).hasMessageContaining(project.toString());
        assertThat(project.resolve("src/Main.java")).hasContent("class Main {}");
        assertThat(project.resolve(DemoFolder.MARKER)).doesNotExist();
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> DemoFolder.prepare(file, true)).hasMessageContaining("is a file");
    }
}
