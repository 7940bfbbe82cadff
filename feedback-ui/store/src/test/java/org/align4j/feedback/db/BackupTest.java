package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir Path dir;

    @Test
    void aJobBacksUpTheSharedDatabaseWhileItIsServedAndTheZipRestores() throws Exception {
        Path out = dir.resolve("backups/feedback-backup.zip");
        try (FeedbackStore serving = FeedbackStore.openShared(dir.resolve("db/feedback").toString(), Fixtures.FAST_HASHER,
                Clock.systemUTC())) {
            Fixtures.doctor(serving, "ann");
            try (FeedbackStore job = FeedbackStore.open(serving.sharedUrl().orElseThrow())) {
                assertThat(job.backup(out)).isPositive();
            }
            Fixtures.doctor(serving, "bob"); // after the backup: not in it
        }
        assertThat(dir.resolve("backups")).isDirectoryContaining(p -> p.equals(out))
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(out))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                copy(zip, restored.resolve(Path.of(e.getName()).getFileName()));
            }
        }
        try (FeedbackStore back = FeedbackStore.open(restored.resolve("feedback").toString())) {
            assertThat(back.users().list()).extracting(u -> u.username()).containsExactly("ann");
        }
    }

    @Test
    void otherDatabasesAreRefusedNamingWhatToUse() {
        assertThatThrownBy(() -> Backup.to(null, "jdbc:postgresql://db/feedback?user=align", dir.resolve("x.zip")))
                .hasMessageContaining("pg_dump").hasMessageNotContaining("user=align");
        try (FeedbackStore memory = FeedbackStore.open("jdbc:h2:mem:backup-test")) {
            assertThatThrownBy(() -> memory.backup(dir.resolve("x.zip"))).hasMessageContaining("in memory");
        }
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    private static void copy(InputStream in, Path to) throws Exception {
        Files.write(to, in.readAllBytes());
    }
}
