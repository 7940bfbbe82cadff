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
        r.succeeded();
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

    @Test
    void fp16BenchRunsTheStepAndTheGemmInHalfPrecision() throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--precision", "fp16", "--arch", "llama");
        r.succeeded();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("precision").asText()).isEqualTo("fp16");
        assertThat(json.at("/gemm/dtype").asText()).isEqualTo("float16");
        assertThat(json.at("/train/skipped_steps").asLong()).isZero();
        assertThat(json.at("/train/last_loss").asDouble()).isPositive().isFinite();
        assertThat(json.get("generate_tokens_per_s_cached").asDouble()).isPositive();
    }

    @Test
    void aCheckpointDirectoryIsBenchedWithItsOwnShapes() throws Exception {
        Path dir = tmp.resolve("model");
        ai.djl.engine.Engine.getInstance().setRandomSeed(1);
        try (org.align4j.core.model.PretrainedModel m = org.align4j.core.io.HfCheckpoint.initialize(
                org.align4j.core.model.ModelPresets.of("qwen2", "tiny", 96), null)) {
            org.align4j.core.io.HfCheckpoint.save(m, dir);
        }
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--model", dir.toString());
        r.succeeded();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.at("/model/arch").asText()).isEqualTo("qwen2");
        assertThat(json.at("/model/vocab").asInt()).isEqualTo(96);
        assertThat(json.at("/model/dir").asText()).endsWith("model");
    }

    @Test
    void unknownPresetsAndBf16AreRefusedNamingTheOption() {
        CliRunner.Result p = CliRunner.run("bench", "--preset", "qwen-7b");
        assertThat(p.exitCode()).isEqualTo(1);
        assertThat(p.err()).contains("--preset: 'qwen-7b' is unknown");
        CliRunner.Result b = CliRunner.run("bench", "--quick", "--precision", "bf16");
        assertThat(b.exitCode()).isEqualTo(1);
        assertThat(b.err()).contains("bf16");
    }

    @Test
    void askingForAGpuThatDjlDoesNotSeeFailsLoudlyInsteadOfRunningOnTheCpu() {
        org.junit.jupiter.api.Assumptions.assumeFalse(ai.djl.engine.Engine.getInstance().defaultDevice().isGpu());
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--device", "gpu");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--device gpu: DJL sees no GPU");
        assertThat(r.out()).isEmpty();
    }
}
