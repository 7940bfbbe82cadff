package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the RL commands' tests (ppo, grpo) start from, made with the CLI itself: a tiny GPT-2 policy
 * ({@code dir/policy}, BPE with ChatML tokens) and a tiny BERT reward model ({@code dir/rm}, WordPiece), both
 * trained on one small medical corpus, and preference-pair files whose prompts the RL commands read.
 */
public final class TinyRlModels {
    private TinyRlModels() {}

    /** Fails the test with the command's output unless it exited 0. */
    public static void ok(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    }

    /** Writes {@code dir/policy} and {@code dir/rm}. */
    public static void create(Path dir) {
        Path corpus = write(dir.resolve("corpus.txt"), List.of("my child has a high fever", "please see a doctor today",
                "chest pain needs emergency care", "rest and drink water", "what helps a sore throat",
                "call emergency services now", "take the tablets after food", "call an ambulance now"));
        ok(CliRunner.run("tokenizer", "train", "--input", corpus.toString(), "--vocab-size", "300", "--kind", "bpe",
                "--special-tokens", "<|im_start|>,<|im_end|>", "--out", dir.resolve("tok-bpe").toString()));
        ok(CliRunner.run("tokenizer", "train", "--input", corpus.toString(), "--vocab-size", "120", "--kind", "wordpiece",
                "--out", dir.resolve("tok-wp").toString()));
        ok(CliRunner.run("model", "init", "--arch", "gpt2", "--tokenizer", dir.resolve("tok-bpe").toString(), "--out",
                dir.resolve("policy").toString(), "--seed", "3"));
        ok(CliRunner.run("model", "init", "--arch", "bert", "--tokenizer", dir.resolve("tok-wp").toString(), "--out",
                dir.resolve("rm").toString(), "--seed", "4"));
    }

    /** A pairs file (the same chosen and rejected answer on each line) whose prompts are {@code prompts}. */
    public static Path pairs(Path file, List<String> prompts) {
        List<String> rows = new ArrayList<>();
        for (String p : prompts) {
            rows.add("{\"prompt\": \"" + p + "\", \"chosen\": \"see a doctor\", \"rejected\": \"ignore it\"}");
        }
        return write(file, rows);
    }

    private static Path write(Path file, List<String> lines) {
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
