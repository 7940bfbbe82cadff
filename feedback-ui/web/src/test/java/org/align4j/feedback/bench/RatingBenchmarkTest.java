package org.align4j.feedback.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingBenchmarkTest {
    @TempDir Path dir;

    @Test
    void aShortRunMeasuresRatingsAndFindsEveryAcknowledgedOneAfterRestart() {
        List<String> progress = new ArrayList<>();
        BenchResult r = RatingBenchmark.run(dir.resolve("bench").toString(), new BenchConfig(4, 6000, 8, 0.5, 1.5), progress::add);
        System.out.println("benchmark (test size): " + r);
        assertThat(r.requests()).isPositive();
        assertThat(r.errors()).isZero();
        assertThat(r.ratingsPerSecond()).isPositive();
        assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p90Ms());
        assertThat(r.p90Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
        assertThat(r.acknowledged()).isGreaterThanOrEqualTo(r.requests());
        assertThat(r.missing()).isZero();
        assertThat(r.presentAfterRestart()).isEqualTo(r.acknowledged());
        assertThat(progress).anyMatch(s -> s.startsWith("loading http://127.0.0.1:"));
    }

    @Test
    void tooFewAnswersForTheRunIsReported() {
        assertThatThrownBy(() -> RatingBenchmark.run(dir.resolve("small").toString(), new BenchConfig(1, 10, 1, 0, 5), s -> { }))
                .hasMessageContaining("ran out of answers");
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
