package org.align4j.feedback.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.feedback.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on the database of this test run: an H2 file, or (the PostgreSQL run) a database on the throwaway cluster. */
class RatingBenchmarkTest {
    @TempDir Path dir;

    @Test
    void aShortRunMeasuresRatingsAndSizesAndFindsEveryAcknowledgedOneAfterRestart() {
        List<String> progress = new ArrayList<>();
        // A measured window far shorter than one request on a loaded machine: each client still measures one.
        BenchConfig config = new BenchConfig(4, 6000, 8, 0.2, 0.001);
        BenchResult r = RatingBenchmark.run(PostgresServer.newDurableDatabaseUrl(dir.resolve("bench")), config, progress::add);
        System.out.println("benchmark (test size): " + r);
        assertThat(r.database()).isEqualTo(PostgresServer.selected() ? "postgresql" : "h2");
        assertThat(r.requests()).isGreaterThanOrEqualTo(config.clients());
        assertThat(r.errors()).isZero();
        assertThat(r.measuredSeconds()).isGreaterThanOrEqualTo(config.seconds());
        assertThat(r.ratingsPerSecond()).isCloseTo(r.requests() / r.measuredSeconds(), org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p90Ms());
        assertThat(r.p90Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
        assertThat(r.acknowledged()).isGreaterThanOrEqualTo(r.requests());
        assertThat(r.missing()).isZero();
        assertThat(r.presentAfterRestart()).isEqualTo(r.acknowledged());
        StorageSize size = r.size();
        assertThat(size.ratings()).isEqualTo(r.acknowledged());
        assertThat(size.bytesBeforeLoad()).isPositive();
        // (a few ratings may fit in space the H2 file already has: the whole database need not grow, the table must)
        assertThat(size.bytesUnderLoad()).isGreaterThanOrEqualTo(size.bytesBeforeLoad());
        assertThat(size.bytesAfterClose()).isPositive();
        assertThat(size.ratingsTableBytes()).isPositive();
        assertThat(size.perThousandUnderLoad()).isNotNegative();
        assertThat(progress).anyMatch(s -> s.startsWith("loading http://127.0.0.1:"));
    }

    @Test
    void tooFewAnswersForTheRunIsReported() {
        assertThatThrownBy(() -> RatingBenchmark.run(PostgresServer.newDurableDatabaseUrl(dir.resolve("small")),
                new BenchConfig(1, 10, 1, 0, 600), s -> { }))
                .hasMessageContaining("ran out of answers");
    }

    @Test
    void aDatabaseThatAlreadyHoldsAnswersIsRefused() {
        String db = PostgresServer.newDurableDatabaseUrl(dir.resolve("used"));
        RatingBenchmark.run(db, new BenchConfig(1, 10, 1, 0, 0.001), s -> { });
        assertThatThrownBy(() -> RatingBenchmark.run(db, new BenchConfig(1, 10, 1, 0, 0.001), s -> { }))
                .hasMessageContaining("is not empty");
    }

    @Test
    void growthIsGivenPer1000Ratings() {
        StorageSize s = new StorageSize(1_000_000, 1_500_000, 1_100_000, 40_000, 250);
        assertThat(s.perThousandUnderLoad()).isEqualTo(2_000_000.0); // 500,000 bytes / 250 ratings * 1000
        assertThat(s.perThousandAfterClose()).isEqualTo(400_000.0);
        assertThat(s.ratingsTablePerThousand()).isEqualTo(160_000.0);
        assertThat(new StorageSize(-1, 1_500_000, 1_100_000, 40_000, 250).perThousandUnderLoad()).isNaN();
        assertThat(new StorageSize(1, 2, 3, 4, 0).ratingsTablePerThousand()).isNaN();
    }

    @Test
    void percentilesUseTheNearestRank() {
        Percentiles p = new Percentiles(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
        assertThat(p.millis(50)).isEqualTo(3.0);
        assertThat(p.millis(90)).isEqualTo(5.0);
        assertThat(p.millis(20)).isEqualTo(1.0);
        assertThat(p.millis(100)).isEqualTo(5.0);
        assertThat(new Percentiles(new long[0]).millis(50)).isNaN();
    }
}
