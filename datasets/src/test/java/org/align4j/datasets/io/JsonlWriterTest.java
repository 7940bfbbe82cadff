package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlWriterTest {
    @TempDir Path dir;

    @Test
    void writtenRowsReadBackIdenticallyWithChineseUnescaped() throws Exception {
        Path f = dir.resolve("sub/pairs.jsonl");
        List<PreferencePair> pairs = List.of(PreferencePair.of("发烧怎么办？", "立即就医。", "多喝水。"),
                PreferencePair.of("Q", "a", "b").with("id-2", "test", 0.5));
        JsonlWriter.writeAll(f, Codecs.PAIRS, pairs);
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).startsWith("{\"prompt\":\"发烧怎么办？\"").endsWith("}\n");
        List<PreferencePair> back = new ArrayList<>();
        try (JsonRowReader r = JsonRowReader.open(f)) {
            r.forEachRemaining(row -> back.add(Codecs.PAIRS.fromJson(row.json())));
        }
        assertThat(back).isEqualTo(pairs);
        assertThat(Files.list(f.getParent())).containsExactly(f);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
    }

    /** A target that already holds a line {@code old}: what a write that does not commit must leave alone. */
    private Path existingTarget() throws IOException {
        Path f = dir.resolve("out.jsonl");
        Files.writeString(f, "old\n");
        return f;
    }

    @Test
    void closingWithoutCommitLeavesNoFileAndKeepsTheOldOne() throws Exception {
        Path f = existingTarget();
        try (JsonlWriter w = JsonlWriter.create(f)) {
            w.write(Codecs.PAIRS, PreferencePair.of("q", "a", "b"));
            assertThat(w.rows()).isEqualTo(1);
        }
        assertThat(Files.readString(f)).isEqualTo("old\n");
        assertThat(Files.list(dir)).containsExactly(f);
    }

    @Test
    void commitReplacesTheTargetAndForbidsFurtherWrites() throws Exception {
        Path f = existingTarget();
        try (JsonlWriter w = JsonlWriter.create(f)) {
            w.write(Codecs.PAIRS, PreferencePair.of("q", "a", "b"));
            w.commit();
            assertThatThrownBy(() -> w.write(Codecs.PAIRS, PreferencePair.of("q", "a", "c")))
                    .hasMessageContaining("already committed");
        }
        assertThat(Files.readString(f)).isEqualTo("{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\"}\n");
    }
}
