package org.align4j.eval;

import java.util.Collection;
import java.util.List;
import org.align4j.core.preference.ImplicitReward;

/**
 * The length gap of preference accuracy within strata of pairs: the Mantel–Haenszel common risk difference
 * (Greenland &amp; Robins 1985) of accuracy on pairs whose chosen answer is the shorter minus accuracy on pairs whose
 * chosen answer is the longer, where a stratum is the pairs of one {@code source} (e.g. the generator's pair type,
 * {@code helpful-vs-vague}).
 *
 * <p>Why: the raw gap mixes length with what the pairs are. When the hard pair types happen to have the longer
 * chosen answer (detailed vs terse is longer by construction), a model without any length preference shows a raw
 * gap. Within a stratum both groups are the same kind of pair; a stratum with pairs of one length side only says
 * nothing about length and is left out. With {@code a_s, a_l} the accuracies (ties half, {@link
 * ImplicitReward#credit}) and {@code n_s, n_l} the pairs of the two sides in stratum k:
 * <pre>gap = Σ_k w_k (a_s,k − a_l,k) / Σ_k w_k,   w_k = n_s,k · n_l,k / (n_s,k + n_l,k)</pre>
 * One stratum gives its plain difference.
 *
 * @param gap the weighted difference, shorter minus longer: positive when the model favours short chosen answers
 * @param pairs pairs in the strata that hold both sides (the ones the gap rests on)
 * @param strata strata that hold both sides
 */
public record LengthGap(double gap, int pairs, int strata) {

    /**
     * @param margins implicit-reward margins, one per pair
     * @param shorter per pair, whether its chosen answer is the shorter
     * @param sources per pair, its stratum; null pairs form one stratum of their own
     * @return the gap, or null when no stratum holds pairs of both sides
     */
    public static LengthGap of(double[] margins, boolean[] shorter, List<String> sources) {
        return of(SourceAccuracy.of(margins, shorter, sources).values());
    }

    /** The gap over per-source accuracies; a source with pairs of one side only is left out. */
    public static LengthGap of(Collection<SourceAccuracy> strata) {
        double weighted = 0;
        double weights = 0;
        int pairs = 0;
        int used = 0;
        for (SourceAccuracy s : strata) {
            if (s.accuracyChosenShorter() == null || s.accuracyChosenLonger() == null) {
                continue;
            }
            double nShorter = s.chosenShorterPairs();
            double nLonger = s.pairs() - s.chosenShorterPairs();
            double w = nShorter * nLonger / s.pairs();
            weighted += w * (s.accuracyChosenShorter() - s.accuracyChosenLonger());
            weights += w;
            pairs += s.pairs();
            used++;
        }
        return used == 0 ? null : new LengthGap(weighted / weights, pairs, used);
    }
}
