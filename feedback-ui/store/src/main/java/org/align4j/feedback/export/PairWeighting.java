package org.align4j.feedback.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.raters.RaterReliability;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.pairs.StoredPair;

/**
 * Weights for the stored pairs, for rater-aware DPO: a pair built from 👍/👎 weighs P(chosen good) × P(rejected bad)
 * under the doctors' Dawid–Skene reliabilities (a soft label: a pair that only a random doctor's votes made weighs
 * little), and a pair whose rejected answer some doctor marked unsafe weighs {@code unsafeWeight} times more.
 * Pairs from comparisons and corrections keep weight 1 (times the unsafe factor).
 */
public final class PairWeighting {
    private final RaterReliability reliability;
    private final Set<Long> unsafe;
    private final FeedbackWeighting weighting;

    private PairWeighting(RaterReliability reliability, Set<Long> unsafe, FeedbackWeighting weighting) {
        this.reliability = reliability;
        this.unsafe = unsafe;
        this.weighting = weighting;
    }

    /** The weighting of the store's current feedback. */
    public static PairWeighting of(FeedbackStore store, FeedbackWeighting w) {
        return new PairWeighting(w.raterWeights() ? FeedbackVotes.reliability(store) : null,
                FeedbackVotes.unsafeAnswers(store), w);
    }

    /**
     * A pair's weight and why.
     *
     * @param weight &gt; 0
     * @param reason what the weight is made of
     */
    public record Weight(double weight, String reason) {}

    /** The weight of {@code p}; empty when it weighs 1 for no reason. */
    public Optional<Weight> weigh(StoredPair p) {
        double weight = 1;
        List<String> why = new ArrayList<>();
        if (reliability != null && "ratings".equals(p.source()) && p.chosenResponseId() != null) {
            double good = reliability.posterior(FeedbackVotes.item(p.chosenResponseId()));
            double bad = 1 - reliability.posterior(FeedbackVotes.item(p.rejectedResponseId()));
            weight = good * bad;
            why.add(String.format(Locale.ROOT, "P(chosen good) %.3f × P(rejected bad) %.3f from the doctors'"
                    + " reliabilities", good, bad));
        }
        if (unsafe.contains(p.rejectedResponseId()) && weighting.unsafeWeight() != 1) {
            weight *= weighting.unsafeWeight();
            why.add("rejected answer marked unsafe: " + weighting.unsafeFactor());
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(new Weight(Math.max(weight, 1e-6), String.join("; ", why)));
    }

    /** {@code pair} (made from {@code p}) with {@code p}'s weight. */
    public PreferencePair apply(StoredPair p, PreferencePair pair) {
        return weigh(p).map(w -> pair.withWeight(w.weight(), w.reason())).orElse(pair);
    }
}
