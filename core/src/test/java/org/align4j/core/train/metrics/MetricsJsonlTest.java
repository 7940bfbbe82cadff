package org.align4j.core.train.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonlTest {
    @TempDir Path tmp;

    @Test
    void writesOneJsonObjectPerLine() throws Exception {
        Path f = tmp.resolve("metrics.jsonl");
        try (MetricsJsonl m = MetricsJsonl.open(f, -1)) {
            m.write(Map.of("step", 1));
            m.write(Map.of("step", 2));
        }
        assertThat(Files.readAllLines(f)).containsExactly("{\"step\":1}", "{\"step\":2}");
    }

    @Test
    void reopeningForResumeDropsLinesAfterTheResumedStep() throws Exception {
        Path f = tmp.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":10,\"loss\":2.0}\n{\"step\":20,\"loss\":1.5}\n{\"step\":30,\"lo");
        try (MetricsJsonl m = MetricsJsonl.open(f, 20)) {
            m.write(Map.of("step", 30));
        }
        assertThat(Files.readAllLines(f))
                .containsExactly("{\"step\":10,\"loss\":2.0}", "{\"step\":20,\"loss\":1.5}", "{\"step\":30}");
    }

    @Test
    void aFailedWriteNamesTheFile() {
        Path f = tmp.resolve("metrics.jsonl");
        MetricsJsonl m = MetricsJsonl.open(f, -1);
        m.close();
        assertThatThrownBy(() -> m.write(Map.of("step", 1))).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write " + f + ": ");
    }

    @Test
    void aNewRunStartsAnEmptyFile() throws Exception {
        Path f = tmp.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":10}\n");
        MetricsJsonl.open(f, -1).close();
        assertThat(Files.readString(f)).isEmpty();
    }
}
