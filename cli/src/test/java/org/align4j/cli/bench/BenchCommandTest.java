package org.align4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    @Test
    void quickBenchPrintsAndWritesEveryMeasurement() throws Exception {
        Path out = tmp.resolve("bench.json");
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        for (String field : new String[] {"gemm_gflops", "train_tokens_per_s", "train_mfu",
            "generate_tokens_per_s_cached", "generate_tokens_per_s_uncached", "generate_cache_speedup",
            "peak_rss_mib"}) {
            assertThat(json.get(field)).as(field).isNotNull();
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.at("/model/parameters").asLong()).isGreaterThan(json.at("/model/flop_parameters").asLong());
        assertThat(json.at("/train/first_loss").asDouble()).isPositive();
        assertThat(json.at("/engine/intra_op_threads").asInt()).isPositive();
        assertThat(json.at("/formulas/train_mfu").asText()).contains("gemm_gflops");
        assertThat(JSON.readTree(Files.readString(out))).isEqualTo(json);
    }

    @Test
    void badSizesAreRefusedNamingTheOption() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--heads", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("heads: 3 must divide d_model=64");
    }
}
