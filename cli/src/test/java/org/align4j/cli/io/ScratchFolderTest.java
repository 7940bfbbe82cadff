package org.align4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchFolderTest {
    @Test
    void theFolderAndEverythingInItAreGoneAfterClose() throws Exception {
        Path path;
        try (ScratchFolder scratch = ScratchFolder.create("align-scratch-test")) {
            path = scratch.path();
            assertThat(path).isEmptyDirectory();
            assertThat(path.getFileName().toString()).startsWith("align-scratch-test");
            Files.writeString(Files.createDirectories(path.resolve("db/sub")).resolve("feedback.mv.db"), "x");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aFolderAlreadyGoneIsNoError() throws Exception {
        ScratchFolder scratch = ScratchFolder.create("align-scratch-test");
        Files.delete(scratch.path());
        scratch.close();
        assertThat(scratch.path()).doesNotExist();
    }
}
