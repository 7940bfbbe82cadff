package org.align4j.cli.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.queue.AnswersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerQueueTest {
    @TempDir Path dir;

    @Test
    void everyAnswerOfEveryRowIsQueuedUnderOneVersionRegisteredOnce() {
        List<AnswersFile.Row> rows = List.of(new AnswersFile.Row("fever?", List.of("see a doctor", "rest"), "{}"),
                new AnswersFile.Row("cough?", List.of("drink water"), "{\"temperature\":0.7}"));
        try (FeedbackStore store = FeedbackStore.open(dir.resolve("fb").toString())) {
            AnswerQueue.Queued first = AnswerQueue.add(store, "sft-1", "/models/sft-1", rows);
            assertThat(first.answers()).isEqualTo(3);
            assertThat(first.version().name()).isEqualTo("sft-1");

            AnswerQueue.Queued again = AnswerQueue.add(store, "sft-1", "/models/sft-1",
                    List.of(new AnswersFile.Row("headache?", List.of("sleep"), "{}")));
            assertThat(again.answers()).isEqualTo(1);
            assertThat(again.version().id()).isEqualTo(first.version().id());
        }
    }
}
