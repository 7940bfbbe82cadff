package org.align4j.dpo.data;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.Unpairing;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.split.Split;
import org.align4j.dpo.config.DpoDataConfig;
import org.align4j.dpo.config.KtoConfig;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.export.FeedbackWeighting;
import org.align4j.feedback.export.UnpairedExport;

/**
 * The examples of a KTO run: unpaired files, ratings files (👍/👎, and 1–5 scores by the thresholds), the doctors'
 * 👍/👎 and corrections of a feedback database ({@code data.db}, weighted as {@code feedback:} says) and, with
 * {@code kto.from_pairs}, the training side of the pair files unpaired; the held-out side stays pairs, so that a KTO
 * run is measured exactly as a DPO run is. Examples whose prompt is a held-out prompt are dropped (and counted): they
 * would leak the evaluation into training.
 */
public final class UnpairedSources {
    /** Left-out ratings named in the log; the rest are counted (a random doctor's lone votes are hundreds). */
    private static final int SHOWN_LEFT_OUT = 5;

    private UnpairedSources() {}

    /**
     * The training examples and the held-out pairs.
     *
     * @param seed drives the split of the pairs when no eval files are given
     */
    public static Result load(DpoDataConfig data, KtoConfig kto, FeedbackWeighting weighting, long seed,
            PrintStream out) {
        Split<PreferencePair> pairs = PairSources.split(PairSources.files(data.trainFiles(), data.skipInvalid(), out),
                data, seed, out);
        List<UnpairedExample> train = new ArrayList<>();
        if (kto.fromPairs()) {
            train.addAll(Unpairing.fromPairs(pairs.train()));
        }
        if (data.db() != null) {
            try (FeedbackStore store = FeedbackStore.open(data.db())) {
                UnpairedExport.Result fromDb = UnpairedExport.read(store, null, weighting);
                out.printf("%s: %d examples from the doctors' thumbs and corrections%s%n", store.url(),
                        fromDb.examples().size(), weighting.raterWeights() ? ", weighted by each doctor's reliability"
                                : "");
                fromDb.reliability().forEach(r -> out.println("  " + r.reason()));
                fromDb.leftOut().stream().limit(SHOWN_LEFT_OUT).forEach(l -> out.println("  left out: " + l));
                if (fromDb.leftOut().size() > SHOWN_LEFT_OUT) {
                    out.printf("  ... %d left out in all (align feedback export --kind unpaired lists each)%n",
                            fromDb.leftOut().size());
                }
                train.addAll(fromDb.examples());
            }
        }
        train.addAll(PairSources.files(kto.unpairedFiles(), Codecs.UNPAIRED, data.skipInvalid(), out));
        List<Rating> ratings = PairSources.files(kto.ratingsFiles(), Codecs.RATINGS, data.skipInvalid(), out);
        Unpairing.Result fromRatings = Unpairing.fromRatings(ratings, kto.desirableFrom(), kto.undesirableUpTo());
        if (fromRatings.dropped() > 0) {
            out.printf("kto: %d ratings between undesirable_up_to %s and desirable_from %s left out%n",
                    fromRatings.dropped(), kto.undesirableUpTo(), kto.desirableFrom());
        }
        train.addAll(fromRatings.examples());
        List<UnpairedExample> kept = PairSources.withoutHeldOutPrompts(train, pairs.validation());
        int leaked = train.size() - kept.size();
        if (leaked > 0) {
            out.printf("kto: %d examples left out because their prompt is a held-out prompt%n", leaked);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("kto: no training examples: give kto.unpaired_files, kto.ratings_files or"
                    + " pairs (data.train_files / data.db) with kto.from_pairs: true");
        }
        return new Result(kept, pairs.validation(), leaked, fromRatings.dropped());
    }

    /**
     * @param train the training examples, in source order
     * @param heldOut the held-out pairs
     * @param leftOutHeldOutPrompts examples dropped because their prompt is held out
     * @param leftOutMiddleScores 1–5 ratings between the thresholds
     */
    public record Result(List<UnpairedExample> train, List<PreferencePair> heldOut, int leftOutHeldOutPrompts,
            int leftOutMiddleScores) {}
}
