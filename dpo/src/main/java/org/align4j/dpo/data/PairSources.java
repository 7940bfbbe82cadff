package org.align4j.dpo.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.RecordCodec;
import org.align4j.datasets.split.Split;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.datasets.validate.Loaded;
import org.align4j.dpo.config.DpoDataConfig;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.export.FeedbackWeighting;
import org.align4j.feedback.export.PairWeighting;
import org.align4j.feedback.pairs.StoredPair;

/**
 * Reads the preference pairs of a run: JSONL files (validated whole before anything trains) and/or
 * the active pairs of a feedback database, and the held-out pairs (files, or a seeded split that
 * keeps every prompt on one side).
 */
public final class PairSources {
    private PairSources() {}

    /** Training and held-out pairs as {@code data} configures them, unweighted; {@code seed} drives the split. */
    public static Split<PreferencePair> load(DpoDataConfig data, long seed, PrintStream out) {
        return load(data, FeedbackWeighting.none(), seed, out);
    }

    /**
     * Training and held-out pairs as {@code data} configures them; pairs from the database are weighted as
     * {@code weighting} says (see {@link PairWeighting}); {@code seed} drives the split.
     */
    public static Split<PreferencePair> load(DpoDataConfig data, FeedbackWeighting weighting, long seed,
            PrintStream out) {
        List<PreferencePair> train = new ArrayList<>(files(data.trainFiles(), data.skipInvalid(), out));
        if (data.db() != null) {
            try (FeedbackStore store = FeedbackStore.open(data.db())) {
                List<PreferencePair> fromDb = fromDatabase(store, weighting);
                int active = store.pairs().active(null).size();
                long weighted = fromDb.stream().filter(p -> p.weight() != null).count();
                int leftOut = active - fromDb.size();
                out.println(store.url() + ": " + active + " active preference pairs" + (weighted == 0 ? ""
                        : ", " + weighted + " weighted by the doctors' reliability or unsafe flags") + (leftOut == 0 ? ""
                        : ", " + leftOut + " left out (weight below feedback.min_weight " + weighting.minWeight() + ": the doctors'"
                        + " votes do not tell their order)"));
                train.addAll(fromDb);
            }
        }
        return split(train, data, seed, out);
    }

    /** {@code train} and the held-out pairs: {@code data.eval_files}, or a seeded split that keeps each prompt on one side. */
    public static Split<PreferencePair> split(List<PreferencePair> train, DpoDataConfig data, long seed, PrintStream out) {
        if (!data.evalFiles().isEmpty()) {
            return Split.of(train, files(data.evalFiles(), data.skipInvalid(), out));
        }
        return Split.bySeed(train, data.evalFraction(), seed, PairSources::promptKey);
    }

    /** Reads pair files; any invalid row stops the run unless {@code skipInvalid}. */
    public static List<PreferencePair> files(List<String> files, boolean skipInvalid, PrintStream out) {
        return files(files, Codecs.PAIRS, skipInvalid, out);
    }

    /** Reads data files of one kind, each described on {@code out}; any invalid row stops the run unless {@code skipInvalid}. */
    public static <T> List<T> files(List<String> files, RecordCodec<T> codec, boolean skipInvalid, PrintStream out) {
        List<T> all = new ArrayList<>();
        for (String f : files) {
            Loaded<T> l = DatasetLoader.load(Path.of(f), codec, LoadOptions.strict().withSkipInvalid(skipInvalid));
            out.println(l.describe());
            all.addAll(l.rows());
        }
        return all;
    }

    /** {@code examples} without those whose prompt is a prompt of {@code heldOut}: they would leak the evaluation. */
    public static List<UnpairedExample> withoutHeldOutPrompts(List<UnpairedExample> examples,
            List<PreferencePair> heldOut) {
        Set<String> heldOutPrompts = new HashSet<>();
        heldOut.forEach(p -> heldOutPrompts.add(promptKey(p)));
        return examples.stream().filter(e -> !heldOutPrompts.contains(Conversations.promptKey(e.prompt()))).toList();
    }

    /** Rebuilds the pairs from the doctors' feedback and returns every active pair, oldest first. */
    public static List<PreferencePair> fromDatabase(FeedbackStore store) {
        store.pairs().rebuild();
        return store.pairs().active(null).stream().map(PairSources::toPair).toList();
    }

    /**
     * {@link #fromDatabase(FeedbackStore)} with each pair weighted as {@code weighting} says; pairs whose order the
     * doctors' votes do not tell are left out (see {@link PairWeighting#apply}).
     */
    public static List<PreferencePair> fromDatabase(FeedbackStore store, FeedbackWeighting weighting) {
        store.pairs().rebuild();
        PairWeighting w = PairWeighting.of(store, weighting);
        return store.pairs().active(null).stream().flatMap(p -> w.apply(p, toPair(p)).stream()).toList();
    }

    /** A stored pair as a dataset pair; its key becomes the id, so that runs can name it. */
    public static PreferencePair toPair(StoredPair p) {
        return PreferencePair.of(p.prompt(), p.chosen(), p.rejected()).with(p.key(), p.source(), p.margin());
    }

    /** The grouping key of a split ({@link Conversations#promptKey}): pairs of one prompt stay on one side. */
    public static String promptKey(PreferencePair p) {
        return Conversations.promptKey(p.prompt());
    }
}
