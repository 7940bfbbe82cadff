package org.align4j.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        if (margins.length != shorter.length || margins.length != sources.size()) {
            throw new IllegalArgumentException(margins.length + " margins, " + shorter.length + " length flags and "
                    + sources.size() + " sources: one each per pair");
        }
        Map<String, double[]> cells = new LinkedHashMap<>(); // stratum -> {credit shorter, n shorter, credit longer, n longer}
        for (int i = 0; i < margins.length; i++) {
            double[] c = cells.computeIfAbsent(Objects.requireNonNullElse(sources.get(i), "\0none"), k -> new double[4]);
            int side = shorter[i] ? 0 : 2;
            c[side] += ImplicitReward.credit(margins[i]);
            c[side + 1]++;
        }
        double weighted = 0;
        double weights = 0;
        int pairs = 0;
        int strata = 0;
        for (double[] c : cells.values()) {
            if (c[1] == 0 || c[3] == 0) {
                continue;
            }
            double w = c[1] * c[3] / (c[1] + c[3]);
            weighted += w * (c[0] / c[1] - c[2] / c[3]);
            weights += w;
            pairs += (int) (c[1] + c[3]);
            strata++;
        }
        return strata == 0 ? null : new LengthGap(weighted / weights, pairs, strata);
    }
}
