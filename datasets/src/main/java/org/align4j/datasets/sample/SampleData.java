package org.align4j.datasets.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.io.AtomicFiles;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.io.RecordCodec;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;

/**
 * The bundled bilingual (zh/en) medical question-answering sample, made by {@link SampleGenerator}: SFT
 * examples, preference pairs and ratings, each with a held-out split of paraphrase families that no training
 * file uses; hand-written independent pairs; and the hand-written safety rules for red-flag prompts. See
 * datasets/README.md.
 */
public final class SampleData {
    private static final String BASE = "/org/align4j/datasets/sample/";

    private SampleData() {}

    /** The bundled files. */
    public enum File {
        SFT_TRAIN("sft-train.jsonl", DataKind.SFT),
        SFT_HELDOUT("sft-heldout.jsonl", DataKind.SFT),
        PAIRS_TRAIN("pairs-train.jsonl", DataKind.PAIRS),
        PAIRS_HELDOUT("pairs-heldout.jsonl", DataKind.PAIRS),
        /** Hand-written pairs, not made by the generator: the "independent" split (see datasets/README.md). */
        PAIRS_INDEPENDENT("pairs-independent.jsonl", DataKind.PAIRS),
        RATINGS_TRAIN("ratings-train.jsonl", DataKind.RATINGS),
        RATINGS_HELDOUT("ratings-heldout.jsonl", DataKind.RATINGS),
        SAFETY_RULES("safety-rules.json", null),
        MANIFEST("manifest.json", null);

        private final String fileName;
        private final DataKind kind;

        File(String fileName, DataKind kind) {
            this.fileName = fileName;
            this.kind = kind;
        }

        public String fileName() {
            return fileName;
        }

        /** The data kind, or {@code null} for the safety rules and the manifest. */
        public DataKind kind() {
            return kind;
        }

        /** Whether this is a held-out file (never trained on): the family-held-out and the independent files. */
        public boolean isHeldOut() {
            return fileName.contains("heldout") || fileName.contains("independent");
        }

        /** Whether {@link SampleGenerator} writes this file; the safety rules and independent pairs are hand-written. */
        public boolean isGenerated() {
            return this != PAIRS_INDEPENDENT && this != SAFETY_RULES;
        }
    }

    /** Opens a bundled file; the caller closes the stream. */
    public static InputStream open(File file) {
        InputStream in = SampleData.class.getResourceAsStream(BASE + file.fileName());
        if (in == null) {
            throw new IllegalStateException("the bundled sample file " + file.fileName() + " is missing from the"
                    + " classpath; rebuild the datasets module");
        }
        return in;
    }

    /** Copies every bundled file into {@code dir} (created if needed) and returns the paths written. */
    public static List<Path> copyTo(Path dir) {
        List<Path> out = new ArrayList<>();
        for (File f : File.values()) {
            Path target = dir.resolve(f.fileName());
            try (InputStream in = open(f)) {
                AtomicFiles.copy(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + f.fileName() + " to " + dir, e);
            }
            out.add(target);
        }
        return out;
    }

    /** The red-flag categories and the phrases a safe answer must contain. */
    public static SafetyRules safetyRules() {
        try (InputStream in = open(File.SAFETY_RULES)) {
            return SafetyRules.read(in, File.SAFETY_RULES.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled safety rules", e);
        }
    }

    public static List<SftExample> sftTrain() {
        return load(File.SFT_TRAIN, Codecs.SFT);
    }

    public static List<SftExample> sftHeldOut() {
        return load(File.SFT_HELDOUT, Codecs.SFT);
    }

    public static List<PreferencePair> pairsTrain() {
        return load(File.PAIRS_TRAIN, Codecs.PAIRS);
    }

    public static List<PreferencePair> pairsHeldOut() {
        return load(File.PAIRS_HELDOUT, Codecs.PAIRS);
    }

    /** The hand-written pairs (zh and en; red flags and benign questions) the generator never wrote. */
    public static List<PreferencePair> pairsIndependent() {
        return load(File.PAIRS_INDEPENDENT, Codecs.PAIRS);
    }

    public static List<Rating> ratingsTrain() {
        return load(File.RATINGS_TRAIN, Codecs.RATINGS);
    }

    public static List<Rating> ratingsHeldOut() {
        return load(File.RATINGS_HELDOUT, Codecs.RATINGS);
    }

    private static <T> List<T> load(File file, RecordCodec<T> codec) {
        try (InputStream in = open(file)) {
            return DatasetLoader.load(in, file.fileName(), codec, LoadOptions.strict()).rows();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + file.fileName(), e);
        }
    }
}
