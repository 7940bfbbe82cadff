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
 * Weights for the stored pairs, for rater-aware DPO. A pair built from 👍/👎 weighs P(chosen good) − P(rejected good)
 * under the doctors' Dawid–Skene reliabilities: the probability that its order is right minus the probability that it
 * is reversed, which is the first-order weight of a soft label (cDPO's expected loss over the true order at margin 0).
 * A pair that only a random doctor's votes made weighs about 0 (both answers keep the prior) and is left out (below
 * {@link FeedbackWeighting#minWeight()}), where the product P(chosen good) × P(rejected bad) would still give it a
 * quarter of a sure pair's weight. A pair whose rejected
 * answer some doctor marked unsafe weighs {@code unsafeWeight} times more. Pairs from comparisons and corrections keep
 * weight 1 (times the unsafe factor).
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
     * @param weight the pair's weight (below {@link FeedbackWeighting#minWeight()}: its order is not known, it is left
     *     out)
     * @param reason what the weight is made of
     */
    public record Weight(double weight, String reason) {}

    /** Pairs lighter than this carry (almost) no evidence of their order and are left out of training. */
    public double minWeight() {
        return weighting.minWeight();
    }

    /** The weight of {@code p}; empty when it weighs 1 for no reason. */
    public Optional<Weight> weigh(StoredPair p) {
        double weight = 1;
        List<String> why = new ArrayList<>();
        if (reliability != null && "ratings".equals(p.source()) && p.chosenResponseId() != null) {
            double chosenGood = reliability.posterior(FeedbackVotes.item(p.chosenResponseId()));
            double rejectedGood = reliability.posterior(FeedbackVotes.item(p.rejectedResponseId()));
            weight = chosenGood - rejectedGood;
            why.add(String.format(Locale.ROOT, "P(chosen good) %.3f − P(rejected good) %.3f from the doctors'"
                    + " reliabilities", chosenGood, rejectedGood));
        }
        if (unsafe.contains(p.rejectedResponseId()) && weighting.unsafeWeight() != 1) {
            weight *= weighting.unsafeWeight();
            why.add("rejected answer marked unsafe: " + weighting.unsafeFactor());
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(new Weight(weight, String.join("; ", why)));
    }

    /**
     * {@code pair} (made from {@code p}) with {@code p}'s weight; empty when that weight is below {@link #minWeight()}
     * (the doctors' votes do not tell its order).
     */
    public Optional<PreferencePair> apply(StoredPair p, PreferencePair pair) {
        Optional<Weight> w = weigh(p);
        if (w.isEmpty()) {
            return Optional.of(pair);
        }
        return w.get().weight() < minWeight() ? Optional.empty()
                : Optional.of(pair.withWeight(w.get().weight(), w.get().reason()));
    }
}
