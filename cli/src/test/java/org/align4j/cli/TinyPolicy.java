package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny policy made through the real commands: a BPE tokenizer trained on a bilingual corpus, then model init. */
public final class TinyPolicy {
    private TinyPolicy() {}

    /** Trains the tokenizer in {@code dir/tok} and writes a random {@code arch} model to {@code dir/policy}. */
    public static Path create(Path dir, String arch) {
        Path corpus = dir.resolve("corpus.txt");
        try {
            Files.writeString(corpus, "my child has a fever\nplease see a doctor\n孩子发烧了\n请立即就医\n".repeat(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path tok = dir.resolve("tok");
        CliRunner.Result t = CliRunner.run("tokenizer", "train", "--input", corpus.toString(), "--vocab-size", "300",
                "--kind", "bpe", "--out", tok.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path model = dir.resolve("policy");
        CliRunner.Result init = CliRunner.run("model", "init", "--arch", arch, "--tokenizer", tok.toString(),
                "--out", model.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return model;
    }
}
