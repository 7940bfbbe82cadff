package org.align4j.cli.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.cli.AlignCommand;
import org.align4j.core.tokenizer.TextTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenizerTrainCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = AlignCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path corpus() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("病人发烧三天了，请问应该吃什么药？ The patient has had a fever for " + i + " days.");
        }
        Path text = Files.write(dir.resolve("corpus.txt"), lines);
        Files.writeString(dir.resolve("sft.jsonl"),
                "{\"instruction\": \"头痛怎么办？\", \"input\": \"\", \"output\": \"Rest and drink water.\"}\n");
        return text;
    }

    @Test
    void trainsABpeTokenizerFromTextAndJsonlAndReportsSizeTimeAndARoundTrip() throws IOException {
        Path text = corpus();
        Path outDir = dir.resolve("tok");
        int code = run("tokenizer", "train", "--input", text.toString(), dir.resolve("sft.jsonl").toString(),
                "--vocab-size", "320", "--kind", "bpe", "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("trained bpe tokenizer on", "vocab size: 320 (requested 320)",
                "<|endoftext|>=317", "round trip: exact");
        try (TextTokenizer tok = TextTokenizer.load(outDir)) {
            assertThat(tok.vocabSize()).isEqualTo(320);
            assertThat(tok.decode(tok.encode("头痛怎么办？"), false)).isEqualTo("头痛怎么办？");
        }
    }

    @Test
    void trainsWordPieceWithCustomSpecialTokens() throws IOException {
        Path outDir = dir.resolve("wp");
        int code = run("tokenizer", "train", "--input", corpus().toString(), "--vocab-size", "120",
                "--kind", "WordPiece", "--special-tokens", "[E1],[E2]", "--min-frequency", "1", "--out", outDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("[PAD]=0", "[MASK]=4", "[E1]=5", "[E2]=6", "round trip: normalized");
    }

    @Test
    void badInputIsAnErrorNamingTheFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\": \"ok\"}\nnot json\n");
        int code = run("tokenizer", "train", "--input", bad.toString(), "--vocab-size", "300", "--out",
                dir.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: " + bad).contains("line 2 is not valid JSON");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void refusesToOverwriteATokenizerWithoutForceAndRejectsBadOptions() throws IOException {
        Path text = corpus();
        Path outDir = dir.resolve("tok");
        assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "300", "--out", outDir.toString()))
                .isZero();
        assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "300", "--out", outDir.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("already exists; pass --force");
        assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "300", "--out",
                outDir.toString(), "--force")).isZero();
        assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "100", "--out",
                dir.resolve("x").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: invalid options: vocabSize is 100");
        assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "300", "--kind", "unigram",
                "--out", dir.resolve("y").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("allowed: bpe, wordpiece");
    }
}
