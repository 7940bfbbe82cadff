package org.align4j.cli.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.feedback.bench.BenchResult;
import org.align4j.feedback.bench.StorageSize;
import org.junit.jupiter.api.Test;

class FeedbackBenchRatiosTest {
    private static BenchResult result(String db, double perSecond, double p99, long bytesUnderLoad, long table) {
        return new BenchResult(db, perSecond, 100, 0, 1.0, 2.0, p99, 10.0, 1000, 1000, 0, 8, 8, 10, 0.5,
                new StorageSize(1_000_000, bytesUnderLoad, 1_000_000 + table, table, 1000));
    }

    @Test
    void ratiosArePostgresqlOverH2() {
        ObjectNode r = FeedbackBenchCommand.ratios(result("postgresql", 1500, 8.0, 1_200_000, 150_000),
                result("h2", 3000, 4.0, 1_800_000, 100_000));
        assertThat(r.get("ratings_per_second").asDouble()).isEqualTo(0.5);
        assertThat(r.get("latency_p99_ms").asDouble()).isEqualTo(2.0);
        assertThat(r.get("latency_p50_ms").asDouble()).isEqualTo(1.0);
        assertThat(r.get("db_bytes_per_1000_ratings_under_load").asDouble()).isEqualTo(0.25); // 200 KB vs 800 KB growth
        assertThat(r.get("db_bytes_per_1000_ratings_after_close").asDouble()).isEqualTo(1.5);
        assertThat(r.get("ratings_table_bytes_per_1000_ratings").asDouble()).isEqualTo(1.5);
    }
}
