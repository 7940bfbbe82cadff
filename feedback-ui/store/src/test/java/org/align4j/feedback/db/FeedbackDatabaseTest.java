package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackDatabaseTest {
    @TempDir Path dir;

    @Test
    void openingAFreshFileCreatesTheSchemaAndReopeningKeepsTheData() {
        String db = dir.resolve("fb").toString();
        try (FeedbackDatabase d = FeedbackDatabase.open(db)) {
            List<String> tables = d.sql().read(tx -> tx.list(
                    "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC' ORDER BY 1",
                    rs -> rs.getString(1)));
            assertThat(tables).contains("users", "sessions", "prompts", "responses", "ratings", "comparisons", "corrections",
                    "skips", "preference_pairs", "model_versions", "training_runs", "production_model", "job_locks");
            assertThat(d.url()).contains("WRITE_DELAY=0");
            d.sql().inTransaction(tx -> tx.update("INSERT INTO model_versions (name, created_at) VALUES ('m', CURRENT_TIMESTAMP)"));
        }
        assertThat(Files.exists(dir.resolve("fb.mv.db"))).isTrue();
        try (FeedbackDatabase d = FeedbackDatabase.open(db)) {
            assertThat(d.sql().number("SELECT COUNT(*) FROM model_versions")).isEqualTo(1);
            assertThat(d.sql().number("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" = '1'")).isEqualTo(1);
        }
    }

    @Test
    void aFailedUnitOfWorkLeavesNothingBehind() {
        try (FeedbackDatabase d = FeedbackDatabase.open("jdbc:h2:mem:rollback")) {
            try {
                d.sql().inTransaction(tx -> {
                    tx.update("INSERT INTO model_versions (name, created_at) VALUES ('m', CURRENT_TIMESTAMP)");
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("boom");
            }
            assertThat(d.sql().number("SELECT COUNT(*) FROM model_versions")).isZero();
        }
    }
}
