package org.align4j.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.cli.AlignCommand;
import org.align4j.datasets.sample.SampleData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    @TempDir static Path dir;
    static Path bad;

    record Run(int exit, String out, String err) {}

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

    static Run run(String... args) {
        CommandLine cl = AlignCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theBundledSampleValidates() {
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() != null) {
                Run r = run("data", "validate", dir.resolve(f.fileName()).toString(), "--kind", f.kind().cliName(),
                        "--max-tokens", "256");
                assertThat(r.exit()).as(r.out()).isZero();
                assertThat(r.out()).contains(" 0 invalid").contains("approximate tokens");
            }
        }
    }

    @Test
    void problemsPrintAsFileLineMessageFixAndExitOne() throws Exception {
        Path report = dir.resolve("problems.jsonl");
        Run r = run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "30", "--report",
                report.toString());
        assertThat(r.exit()).isEqualTo(1);
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
        Run skip = run("data", "validate", bad.toString(), "--kind", "pairs", "--skip-invalid", "--show", "1");
        assertThat(skip.exit()).isZero();
        assertThat(skip.out()).contains("... and 2 more problems (--report FILE writes them all)",
                "--skip-invalid: 3 invalid rows would be skipped; 2 valid rows remain");
        Run drop = run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "30", "--on-too-long",
                "drop", "--show", "0");
        assertThat(drop.out()).contains("5 rows, 1 valid, 3 invalid, 1 too long and dropped");
        assertThat(drop.exit()).isEqualTo(1);
    }

    @Test
    void statsPrintCountsPercentilesAndLanguageMix() {
        Run r = run("data", "stats", dir.resolve("sft-train.jsonl").toString(), "--kind", "sft");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(dir.resolve("sft-train.jsonl") + " (sft): 2200 rows, 2200 valid, 0 invalid\n")
                .contains("tokens (approximate tokens: whitespace-separated words + CJK characters), template chatml:")
                .contains("  prompt       2200").contains("language (by script): zh ");
    }

    @Test
    void usageErrorsExitTwoAndMissingFilesExitOne() {
        Run kind = run("data", "validate", bad.toString(), "--kind", "prefs");
        assertThat(kind.exit()).isEqualTo(2);
        assertThat(kind.err()).contains("unknown data kind \"prefs\"; use sft, pairs, ratings or unpaired");
        assertThat(run("data", "validate", bad.toString()).exit()).isEqualTo(2);
        Run template = run("data", "stats", bad.toString(), "--kind", "pairs", "--template", "llama");
        assertThat(template.exit()).isEqualTo(2);
        assertThat(template.err()).contains("unknown chat template \"llama\"");
        assertThat(run("data", "validate", bad.toString(), "--kind", "pairs", "--max-tokens", "1").exit()).isEqualTo(2);
        Run missing = run("data", "validate", dir.resolve("nope.jsonl").toString(), "--kind", "sft");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: cannot read " + dir.resolve("nope.jsonl"));
    }

    @Test
    void anEmptyFileIsInvalid() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        Run r = run("data", "validate", empty.toString(), "--kind", "ratings");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("no valid ratings rows: nothing could be trained on");
    }

    @Test
    void sampleWritesEveryBundledFileThatThenValidatesAndRefusesToOverwrite() throws Exception {
        Path out = dir.resolve("sample-out");
        Run r = run("data", "sample", "--out", out.toString());
        assertThat(r.exit()).isZero();
        for (SampleData.File f : SampleData.File.values()) {
            assertThat(out.resolve(f.fileName())).isRegularFile();
        }
        assertThat(run("data", "validate", out.resolve("pairs-train.jsonl").toString(), "--kind", "pairs").exit())
                .isZero();
        Run again = run("data", "sample", "--out", out.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists; give --force");
        assertThat(run("data", "sample", "--out", out.toString(), "--force").exit()).isZero();
    }
}
