package org.align4j.cli.data;

import static org.align4j.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.CliRunner.Result;
import org.align4j.datasets.sample.SampleData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir static Path dir;
    static Path bad;


    @BeforeAll
    static void files() throws Exception {
        SampleData.copyTo(dir);
        bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, String.join("\n",
                "{\"prompt\":\"Q1\",\"chosen\":\"good\",\"rejected\":\"bad\"}",
                "{\"prompt\":\"Q2\",\"chosen\":\"good\"}",
                "{\"prompt\":\"Q3\",\"chosen\":\"same\",\"rejected\":\"same\"}",
                "{\"prompt\":\"Q1\",\"chosen\":\"good\",\"rejected\":\"bad\"}",
                "{\"prompt\":\"Q5\",\"chosen\":\"" + "word ".repeat(40) + "\",\"rejected\":\"bad\"}") + "\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void theBundledSampleValidates() {
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() != null) {
                Result r = run("data", "validate", dir.resolve(f.fileName()).toString(), "--kind", f.kind().cliName(),
                        "--max-tokens", "256");
                r.succeeded();
                assertThat(r.out()).contains(" 0 invalid").contains("approximate tokens");
            }
        }
    }

    @Test
    void problemsPrintAsFileLineMessageFixAndExitOne() throws Exception {
        Path report = dir.resolve("problems.jsonl");
        Result r = run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "30", "--report",
                report.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(
                bad + ":2: \"rejected\" is missing (give the answer that was not preferred)\n",
                bad + ":3: \"chosen\" and \"rejected\" are the same text (a pair needs two different answers; drop"
                        + " the row or fix one answer)\n",
                bad + ":4: duplicate of line 1 (remove the repeated row; a duplicate counts one example twice)\n",
                // 3 prompt tokens + 40 words + a separate "<|im_end|>" after the trailing space
                bad + ":5: 44 tokens after the chatml template, more than the limit of 30",
                bad + ": 5 rows, 1 valid, 4 invalid\n",
                "wrote 4 problems to " + report);
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("{\"file\":\"" + bad + "\",\"line\":2,\"message\":");
    }

    @Test
    void skipInvalidPrintsTheSkippedCountAndTooLongRowsCanBeDropped() {
        Result skip = run("data", "validate", bad.toString(), "--kind", "pairs", "--skip-invalid", "--show", "1");
        assertThat(skip.exitCode()).isZero();
        assertThat(skip.out()).contains("... and 2 more problems (--report FILE writes them all)",
                "--skip-invalid: 3 invalid rows would be skipped; 2 valid rows remain");
        Result drop = run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "30", "--on-too-long",
                "drop", "--show", "0");
        assertThat(drop.out()).contains("5 rows, 1 valid, 3 invalid, 1 too long and dropped");
        assertThat(drop.exitCode()).isEqualTo(1);
    }

    @Test
    void unpairedRowsAreMeasuredAgainstMaxTokens() throws Exception {
        Path kto = dir.resolve("kto.jsonl");
        Files.writeString(kto, "{\"prompt\":\"Q1\",\"completion\":\"fine\",\"label\":true}\n"
                + "{\"prompt\":\"Q2\",\"completion\":\"" + "word ".repeat(40) + "\",\"label\":false}\n",
                StandardCharsets.UTF_8);
        Result r = run("data", "validate", kto.toString(), "--kind", "unpaired", "--max-tokens", "30");
        assertThat(r.exitCode()).isEqualTo(1);
        // 3 prompt tokens + 40 words + a separate "<|im_end|>" after the trailing space, as for pairs
        assertThat(r.out()).contains(kto + ":2: 44 tokens after the chatml template, more than the limit of 30",
                kto + ": 2 rows, 1 valid, 1 invalid\n");
    }

    @Test
    void statsPrintCountsPercentilesAndLanguageMix() {
        Result r = run("data", "stats", dir.resolve("sft-train.jsonl").toString(), "--kind", "sft");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith(dir.resolve("sft-train.jsonl") + " (sft): 2200 rows, 2200 valid, 0 invalid\n")
                .contains("tokens (approximate tokens: whitespace-separated words + CJK characters), template chatml:")
                .contains("  prompt       2200").contains("language (by script): zh ");
    }

    @Test
    void usageErrorsExitTwoAndMissingFilesExitOne() {
        Result kind = run("data", "validate", bad.toString(), "--kind", "prefs");
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("unknown data kind \"prefs\"; use sft, pairs, ratings or unpaired");
        assertThat(run("data", "validate", bad.toString()).exitCode()).isEqualTo(2);
        Result template = run("data", "stats", bad.toString(), "--kind", "pairs", "--template", "llama");
        assertThat(template.exitCode()).isEqualTo(2);
        assertThat(template.err()).contains("unknown chat template \"llama\"");
        assertThat(run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "1").exitCode()).isEqualTo(2);
        Result missing = run("data", "validate", dir.resolve("nope.jsonl").toString(), "--kind", "sft");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: cannot read " + dir.resolve("nope.jsonl"));
    }

    @Test
    void anEmptyFileIsInvalid() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        Result r = run("data", "validate", empty.toString(), "--kind", "ratings");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("no valid ratings rows: nothing could be trained on");
    }

    @Test
    void sampleWritesEveryBundledFileThatThenValidatesAndRefusesToOverwrite() throws Exception {
        Path out = dir.resolve("sample-out");
        Result r = run("data", "sample", "--out", out.toString());
        assertThat(r.exitCode()).isZero();
        for (SampleData.File f : SampleData.File.values()) {
            assertThat(out.resolve(f.fileName())).isRegularFile();
        }
        assertThat(run("data", "validate", out.resolve("pairs-train.jsonl").toString(), "--kind", "pairs").exitCode())
                .isZero();
        Result again = run("data", "sample", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists; give --force");
        assertThat(run("data", "sample", "--out", out.toString(), "--force").exitCode()).isZero();
    }
}
