package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.PostgresServer;
import org.junit.jupiter.api.Test;

/** The store tests run on the database the run selects: the same migrations and code on H2 and PostgreSQL. */
class DatabaseSelectionTest {
    @Test
    void storesAreOnTheSelectedDatabaseWithTheSchemaMigrated() {
        try (FeedbackStore store = Fixtures.memoryStore()) {
            String product = store.sql().read(tx -> tx.one("SELECT 1", rs -> rs.getStatement().getConnection()
                    .getMetaData().getDatabaseProductName())).orElseThrow();
            if (PostgresServer.selected()) {
                assertThat(store.url()).startsWith("jdbc:postgresql://127.0.0.1:");
                assertThat(product).isEqualTo("PostgreSQL");
            } else {
                assertThat(product).isEqualTo("H2");
            }
            assertThat(store.sql().number("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")).isPositive();
            assertThat(store.sql().number("SELECT COUNT(*) FROM ratings")).isZero();
        }
    }
}
