package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.align4j.feedback.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sizes {@code align bench feedback} reports, on the database of this test run (H2 file or PostgreSQL). */
class StorageSizeTest {
    @TempDir Path dir;

    @Test
    void aTableAndTheDatabaseGrowWhenRowsAreAdded() {
        try (FeedbackDatabase d = FeedbackDatabase.open(PostgresServer.newDurableDatabaseUrl(dir.resolve("fb")))) {
            long tableBefore = d.tableBytes("model_versions");
            long dbBefore = d.storageBytes();
            d.sql().inTransaction(tx -> {
                for (int i = 0; i < 2000; i++) {
                    tx.update("INSERT INTO model_versions (name, created_at) VALUES (?, CURRENT_TIMESTAMP)",
                            "model version with a longish name number " + i);
                }
                return null;
            });
            assertThat(d.tableBytes("model_versions")).isGreaterThan(tableBefore).isGreaterThan(2000L * 40);
            assertThat(d.storageBytes()).isGreaterThan(dbBefore);
        }
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        try (FeedbackDatabase d = FeedbackDatabase.open("jdbc:h2:mem:sizes")) {
            assertThatThrownBy(() -> d.tableBytes("ratings'); DROP TABLE users; --"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain lower-case table name");
        }
    }
}
