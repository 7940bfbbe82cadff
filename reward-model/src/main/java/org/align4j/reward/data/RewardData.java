package org.align4j.reward.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.RecordCodec;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.split.Split;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.datasets.validate.Loaded;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.export.ExportResult;
import org.align4j.feedback.export.FeedbackExporter;
import org.align4j.reward.config.RewardDataConfig;

/**
 * Reads the data of a reward-model run: files (each validated whole before anything trains; {@code sample:NAME}
 * is a bundled sample file, see {@link SampleRef}) and/or a
 * feedback database, whose pairs or ratings are exported by the feedback module's {@link FeedbackExporter}
 * into {@code output_dir/data/} (the run keeps exactly what it trained on) and read back like a file. The
 * held-out rows are the eval files, or a seeded split that keeps every prompt on one side.
 */
public final class RewardData {
    /** The folder of the output directory that database exports go to. */
    public static final String EXPORT_DIR = "data";

    /** Training and held-out examples; {@code eval} is empty when nothing is held out. */
    public record Sets(RewardExamples train, RewardExamples eval) {}

    private record Row<T>(T value, String label) {}

    private RewardData() {}

    /** The examples {@code data} configures; {@code seed} drives the split, database exports go under {@code outputDir}. */
    public static Sets load(RewardDataConfig data, Path outputDir, long seed, PrintStream out) {
        if (data.pairwise()) {
            Split<Row<PreferencePair>> s = load(data, outputDir, seed, out, Codecs.PAIRS, PreferencePair::id,
                    PreferencePair::prompt);
            return new Sets(pairs(s.train()), pairs(s.validation()));
        }
        Split<Row<Rating>> s = load(data, outputDir, seed, out, Codecs.RATINGS, Rating::id, Rating::prompt);
        return new Sets(ratings(s.train()), ratings(s.validation()));
    }

    /**
     * The examples of one file of {@code kind} ({@code pairs} or {@code ratings}).
     *
     * @param file a path, or {@code sample:NAME} for a bundled sample file
     */
    public static RewardExamples file(String file, String kind, boolean skipInvalid, PrintStream out) {
        if (kind.equals("pairs")) {
            return pairs(read(file, kind, Codecs.PAIRS, skipInvalid, out, PreferencePair::id));
        }
        if (kind.equals("ratings")) {
            return ratings(read(file, kind, Codecs.RATINGS, skipInvalid, out, Rating::id));
        }
        throw new IllegalArgumentException("unknown data kind '" + kind + "'; use pairs or ratings");
    }

    private static <T> Split<Row<T>> load(RewardDataConfig data, Path outputDir, long seed, PrintStream out,
            RecordCodec<T> codec, Function<T, String> id, Function<T, List<ChatMessage>> prompt) {
        List<Row<T>> train = new ArrayList<>();
        for (String f : data.trainFiles()) {
            train.addAll(read(f, data.kind(), codec, data.skipInvalid(), out, id));
        }
        if (data.db() != null) {
            train.addAll(read(export(data.db(), data.kind(), outputDir, out), codec, data.skipInvalid(), out, id));
        }
        if (!data.evalFiles().isEmpty()) {
            List<Row<T>> eval = new ArrayList<>();
            for (String f : data.evalFiles()) {
                eval.addAll(read(f, data.kind(), codec, data.skipInvalid(), out, id));
            }
            return Split.of(train, eval);
        }
        Split<Row<T>> s = Split.bySeed(train, data.evalFraction(), seed, r -> Conversations.promptKey(prompt.apply(r.value())));
        if (data.evalFraction() > 0) {
            out.printf("held out %d of %d %s (%.0f%%, whole prompts) for evaluation%n", s.validation().size(),
                    train.size(), data.kind(), 100 * data.evalFraction());
        }
        return s;
    }

    /** A configured file: a path, or a bundled sample file ({@code sample:NAME}) read from the classpath. */
    private static <T> List<Row<T>> read(String ref, String kind, RecordCodec<T> codec, boolean skipInvalid,
            PrintStream out, Function<T, String> id) {
        if (!SampleRef.is(ref)) {
            return read(Path.of(ref), codec, skipInvalid, out, id);
        }
        SampleData.File file = SampleRef.resolve(ref, kind, "data");
        Loaded<T> loaded;
        try (InputStream in = SampleData.open(file)) {
            loaded = DatasetLoader.load(in, ref, codec, LoadOptions.strict().withSkipInvalid(skipInvalid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + file.fileName() + ": " + e.getMessage(), e);
        }
        return rows(loaded, file.fileName(), out, id);
    }

    private static <T> List<Row<T>> read(Path file, RecordCodec<T> codec, boolean skipInvalid, PrintStream out,
            Function<T, String> id) {
        Loaded<T> loaded = DatasetLoader.load(file, codec, LoadOptions.strict().withSkipInvalid(skipInvalid));
        return rows(loaded, file.getFileName().toString(), out, id);
    }

    private static <T> List<Row<T>> rows(Loaded<T> loaded, String name, PrintStream out, Function<T, String> id) {
        out.println(loaded.describe());
        List<Row<T>> rows = new ArrayList<>();
        for (int i = 0; i < loaded.rows().size(); i++) {
            T v = loaded.rows().get(i);
            rows.add(new Row<>(v, RewardExamples.label(id.apply(v), i, name)));
        }
        return rows;
    }

    /** Exports the database's pairs or ratings into {@code outputDir/data/feedback-KIND.jsonl}. */
    static Path export(String db, String kind, Path outputDir, PrintStream out) {
        Path target = outputDir.resolve(EXPORT_DIR).resolve("feedback-" + kind + ".jsonl");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        ExportResult r;
        try (FeedbackStore store = FeedbackStore.open(db)) {
            FeedbackExporter exporter = new FeedbackExporter(store);
            r = kind.equals("pairs") ? exporter.pairs(null, target) : exporter.ratings(null, target);
        }
        out.printf("%s: exported %d %s to %s%s%n", db, r.written(), kind, target,
                r.skipped().isEmpty() ? "" : " (" + r.skipped().size() + " skipped, e.g. " + r.skipped().get(0) + ")");
        if (r.written() == 0) {
            throw new IllegalArgumentException("data.db: the feedback database " + db + " has no " + kind + " yet"
                    + (kind.equals("pairs") ? " (pairs come from doctors' comparisons and ratings of two answers)" : "")
                    + "; collect feedback first or train from files (data.train_files)");
        }
        return target;
    }

    private static PairExamples pairs(List<Row<PreferencePair>> rows) {
        return PairExamples.of(rows.stream().map(Row::value).toList(), rows.stream().map(Row::label).toList());
    }

    private static RatingExamples ratings(List<Row<Rating>> rows) {
        return RatingExamples.of(rows.stream().map(Row::value).toList(), rows.stream().map(Row::label).toList());
    }
}
