package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir Path dir;

    @Test
    void compactingWhileOpenShrinksAFileThatGrewOneCommitPerRating() {
        try (FeedbackStore store = FeedbackStore.openShared(dir.resolve("feedback").toString(), Fixtures.FAST_HASHER,
                Clock.systemUTC())) {
            User ann = Fixtures.doctor(store, "ann");
            ModelVersion m = Fixtures.model(store, "sft-1");
            List<Long> answers = new ArrayList<>();
            for (int p = 0; p < 60; p++) {
                Enqueued e = Fixtures.enqueue(store, m, "question " + p, "a " + p, "b " + p, "c " + p, "d " + p, "e " + p);
                answers.addAll(e.responseIds());
            }
            for (long answer : answers) { // one commit each, like the app under load
                store.feedback().rate(ann.id(), answer, answer % 2 == 0 ? Thumb.UP : Thumb.DOWN, null);
            }
            long grown = store.storageBytes();
            store.compact();
            long compacted = store.storageBytes();
            System.out.printf("H2 file: %d bytes after %d one-commit ratings, %d after compaction%n", grown, answers.size(), compacted);
            assertThat(compacted).isLessThan(grown);
            assertThat(store.sql().number("SELECT COUNT(*) FROM ratings")).isEqualTo(answers.size());
        }
    }

    @Test
    void aCleanCloseLeavesTheFileAtTheSizeOfItsData() throws Exception {
        Path db = dir.resolve("closing");
        long grown;
        int rated;
        try (FeedbackStore store = FeedbackStore.openShared(db.toString(), Fixtures.FAST_HASHER, Clock.systemUTC())) {
            User ann = Fixtures.doctor(store, "ann");
            ModelVersion m = Fixtures.model(store, "sft-1");
            List<Long> answers = new ArrayList<>();
            for (int p = 0; p < 60; p++) {
                answers.addAll(Fixtures.enqueue(store, m, "question " + p, "a " + p, "b " + p, "c " + p, "d " + p, "e " + p)
                        .responseIds());
            }
            for (long answer : answers) { // one commit each, like the app under load
                store.feedback().rate(ann.id(), answer, answer % 2 == 0 ? Thumb.UP : Thumb.DOWN, null);
            }
            grown = store.storageBytes();
            rated = answers.size();
        }
        long closed = java.nio.file.Files.size(dir.resolve("closing.mv.db"));
        System.out.printf("H2 file: %d bytes after %d one-commit ratings, %d after a clean close%n", grown, rated, closed);
        assertThat(closed).isLessThan(grown / 2);
        try (FeedbackStore store = FeedbackStore.open(db.toString())) {
            assertThat(store.sql().number("SELECT COUNT(*) FROM ratings")).isEqualTo(rated);
        }
    }

    @Test
    void aCleanCloseSaysNothingOnStandardError() throws Exception {
        Path db = dir.resolve("quiet");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try (FeedbackStore store = FeedbackStore.open(db.toString(), Fixtures.FAST_HASHER, Clock.systemUTC())) {
            Fixtures.doctor(store, "ann");
        } finally {
            System.setErr(original);
        }
        // SHUTDOWN COMPACT succeeded; the pool's close of that connection used to be reported as a failure
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("closed without compaction");
        assertThat(java.nio.file.Files.size(dir.resolve("quiet.mv.db"))).isPositive();
        // nor in H2's trace file beside the database, where every close used to add a stack trace
        assertThat(dir.resolve("quiet.trace.db")).doesNotExist();
    }
}
