package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackShareTest {
    @TempDir Path dir;

    @Test
    void onlyH2FilePathsCanBeShared() {
        assertThat(LoopbackShare.filePath("jdbc:h2:file:/x/feedback;WRITE_DELAY=0")).contains(Path.of("/x/feedback"));
        assertThat(LoopbackShare.filePath("jdbc:h2:/x/feedback")).contains(Path.of("/x/feedback"));
        assertThat(LoopbackShare.filePath("jdbc:h2:mem:a")).isEmpty();
        assertThat(LoopbackShare.filePath("jdbc:h2:tcp://127.0.0.1:9092/k")).isEmpty();
        assertThat(LoopbackShare.filePath("jdbc:postgresql://db/feedback")).isEmpty();
    }

    @Test
    void aSharedDatabaseIsOneDatabaseForEveryConnectionAndTheAnnouncementGoesWithIt() throws Exception {
        Path db = dir.resolve("feedback");
        Path announcement = dir.resolve("feedback.server.properties");
        try (FeedbackStore serving = FeedbackStore.openShared(db.toString(), Fixtures.FAST_HASHER, java.time.Clock.systemUTC())) {
            String url = serving.sharedUrl().orElseThrow();
            assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:");
            assertThat(Files.readString(announcement)).contains("url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:", "pid=" + ProcessHandle.current().pid());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(announcement))).isEqualTo("rw-------");
            // This process holds the file: its own announcement is not followed, the file is opened directly.
            assertThat(LoopbackShare.find(serving.url())).isEmpty();
            ModelVersion m = Fixtures.model(serving, "sft-1");
            try (FeedbackStore job = FeedbackStore.open(url, Fixtures.FAST_HASHER, java.time.Clock.systemUTC())) {
                assertThat(job.models().find("sft-1")).contains(m);
                Fixtures.doctor(job, "ann");
            }
            assertThat(serving.users().find("ann")).isPresent();
        }
        assertThat(announcement).doesNotExist();
        try (FeedbackStore reopened = FeedbackStore.open(db.toString())) {
            assertThat(reopened.users().list()).extracting(u -> u.username()).containsExactly("ann");
        }
    }

    @Test
    void anAnnouncementIsFollowedWhileItsProcessLivesAndIgnoredAfter() throws Exception {
        Path db = dir.resolve("feedback");
        String url = DatabaseUrl.normalise(db.toString());
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.write(dir.resolve("feedback.server.properties"),
                    List.of("url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:1/feedback-abc", "pid=" + other.pid()));
            assertThat(LoopbackShare.find(url)).contains("jdbc:h2:tcp://127.0.0.1:1/feedback-abc");
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(LoopbackShare.find(url)).isEmpty();
        Files.writeString(dir.resolve("feedback.server.properties"), "url=jdbc\\:h2\\:tcp\\://example.org\\:1/x\npid=1\n");
        assertThatThrownBy(() -> LoopbackShare.find(url)).isInstanceOf(StoreException.class)
                .hasMessageContaining("feedback.server.properties").hasMessageContaining("delete it");
    }
}
