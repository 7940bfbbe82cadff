package org.align4j.feedback.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersFileTest {
    @TempDir Path dir;

    @Test
    void rowsAreReadWithTheirSettings() throws Exception {
        Path f = dir.resolve("answers.jsonl");
        Files.writeString(f, "{\"prompt\": \"发烧怎么办？\", \"answers\": [\"多喝水。\", \"看医生。\"], \"generation_settings\": {\"temperature\": 0.7}}\n"
                + "{\"prompt\": \"q2\", \"answers\": [\"a\"]}\n");
        var rows = AnswersFile.read(f);
        assertThat(rows).containsExactly(
                new AnswersFile.Row("发烧怎么办？", java.util.List.of("多喝水。", "看医生。"), "{\"temperature\":0.7}"),
                new AnswersFile.Row("q2", java.util.List.of("a"), "{}"));
    }

    @Test
    void everyBadLineIsReportedWithItsNumber() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"prompt\": \"ok\", \"answers\": [\"a\"]}\n"
                + "{\"prompt\": \"\", \"answers\": [\"a\"]}\n"
                + "{\"prompt\": \"q\", \"answers\": [1]}\n"
                + "{\"prompt\": \"q\", \"answers\": [\"a\"], \"model\": \"x\"}\n"
                + "{not json\n");
        assertThatThrownBy(() -> AnswersFile.read(f))
                .hasMessageContaining("bad.jsonl:2: \"prompt\" must be a non-empty string")
                .hasMessageContaining("bad.jsonl:3: \"answers\" must contain strings only")
                .hasMessageContaining("bad.jsonl:4: unknown field \"model\"")
                .hasMessageContaining(":5");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path f = dir.resolve("empty.jsonl");
        Files.writeString(f, "");
        assertThatThrownBy(() -> AnswersFile.read(f)).hasMessageContaining("no rows");
    }
}
