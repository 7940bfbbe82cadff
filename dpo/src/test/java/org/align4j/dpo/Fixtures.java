package org.align4j.dpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.testing.PairCorpus;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;

/**
 * Test helpers: synthetic medical preference pairs (the careful answer is preferred over the
 * careless one, whatever the question) and a tiny GPT-2 with a BPE tokenizer trained on them.
 */
public final class Fixtures {
    private static final String[] WHO = {"my son", "my daughter", "my father", "my mother", "my wife", "my husband",
        "my baby", "my friend"};
    private static final String[] SYMPTOM = {"a fever", "a cough", "a headache", "a rash", "chest pain",
        "a sore throat", "back pain", "dizziness", "nausea", "ear pain", "a stomach ache", "a swollen ankle"};
    private static final String[] SINCE = {"two days", "a week", "since yesterday", "three days", "a month"};
    private static final String[] GOOD = {
        "please see a doctor about %s, and rest and drink water until then.",
        "call your doctor today about %s; if it gets worse, go to the clinic.",
        "%s should be checked by a doctor; keep notes of how it changes."};
    private static final String[] BAD = {
        "ignore %s, it is nothing and will pass.",
        "take twice the usual dose of any pills you have for %s.",
        "%s is not worth a visit; wait a few months."};

    private Fixtures() {}

    /** {@code n} distinct pairs drawn with {@code seed}: the careful answer is chosen. */
    public static List<PreferencePair> pairs(int n, long seed) {
        Random r = new Random(seed);
        List<PreferencePair> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (out.size() < n) {
            String symptom = SYMPTOM[r.nextInt(SYMPTOM.length)];
            String prompt = WHO[r.nextInt(WHO.length)] + " has had " + symptom + " for " + SINCE[r.nextInt(SINCE.length)]
                    + ". what should we do?";
            if (!seen.add(prompt)) {
                continue;
            }
            String good = String.format(GOOD[r.nextInt(GOOD.length)], symptom);
            String bad = String.format(BAD[r.nextInt(BAD.length)], symptom);
            out.add(PreferencePair.of(prompt, good, bad));
        }
        return out;
    }

    /** Every text the pairs can contain: the tokenizer's training corpus. */
    static List<String> corpus() {
        return PairCorpus.of(pairs(200, 99));
    }

    /** A tiny GPT-2 (2 layers, d 32) with a BPE tokenizer and the chatml template, saved in HF layout. */
    public static Path tinyPolicy(Path dir, int seed) {
        Path tokDir = dir.resolveSibling(dir.getFileName() + "-tokenizer");
        if (!Files.isDirectory(tokDir)) {
            TinyCheckpoints.tokenizer(tokDir, TokenizerKind.BPE, 400, corpus());
        }
        return TinyCheckpoints.model(dir, tokDir, vocab -> ModelPresets.of("gpt2", "tiny", vocab), null, seed);
    }

    /** Writes pairs as JSONL. */
    public static Path writePairs(Path file, List<PreferencePair> pairs) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonlWriter.writeAll(file, Codecs.PAIRS, pairs);
        return file;
    }
}
