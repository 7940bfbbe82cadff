package org.align4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny models made through the real commands, as a user makes them: {@code align tokenizer train} on a corpus,
 * then {@code align model init} on that tokenizer (random weights, preset tiny).
 */
public final class TinyModels {
    private TinyModels() {}

    /**
     * A policy on a BPE tokenizer trained on a bilingual corpus: the tokenizer in {@code dir/tok}, a random
     * {@code arch} model in {@code dir/policy}.
     */
    public static Path create(Path dir, String arch) {
        Path corpus = dir.resolve("corpus.txt");
        try {
            Files.writeString(corpus, "my child has a fever\nplease see a doctor\n孩子发烧了\n请立即就医\n".repeat(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return onCorpus(dir, corpus, "bpe", 300, arch, "policy");
    }

    /**
     * Trains a {@code kind} tokenizer (bpe or wordpiece) of {@code vocabSize} on {@code corpus} into {@code dir/tok}
     * and writes a random {@code arch} model on it to {@code dir/name}; {@code initOptions} go to model init as
     * given (e.g. {@code --seed 3}).
     *
     * @return the model directory
     */
    public static Path onCorpus(Path dir, Path corpus, String kind, int vocabSize, String arch, String name,
            String... initOptions) {
        Path tok = dir.resolve("tok");
        succeeds(CliRunner.run("tokenizer", "train", "--input", corpus.toString(), "--vocab-size",
                String.valueOf(vocabSize), "--kind", kind, "--out", tok.toString()));
        Path model = dir.resolve(name);
        String[] init = {"model", "init", "--arch", arch, "--preset", "tiny", "--tokenizer", tok.toString(), "--out",
            model.toString()};
        String[] args = new String[init.length + initOptions.length];
        System.arraycopy(init, 0, args, 0, init.length);
        System.arraycopy(initOptions, 0, args, init.length, initOptions.length);
        succeeds(CliRunner.run(args));
        return model;
    }

    private static void succeeds(CliRunner.Result r) {
        r.succeeded();
    }
}
