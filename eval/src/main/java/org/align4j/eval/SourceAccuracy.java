package org.align4j.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.align4j.core.preference.ImplicitReward;

/**
 * Implicit-reward preference accuracy on the pairs of one {@code source} (e.g. the generator's pair type
 * {@code red-flag-detailed-vs-terse}, or who wrote the pairs), split by which answer is the longer: one pair type a
 * model ranks the wrong way round shows up here, where the overall accuracy only dips and the raw length split
 * blames length when that type's chosen answers happen to be the longer ones. Ties count half
 * ({@link ImplicitReward#credit}).
 *
 * @param pairs pairs of the source
 * @param accuracy accuracy over them
 * @param chosenShorterPairs pairs whose chosen answer is the shorter
 * @param accuracyChosenLonger accuracy where the chosen answer is the longer (or equal); null when there are none
 * @param accuracyChosenShorter accuracy where the chosen answer is the shorter; null when there are none
 */
public record SourceAccuracy(int pairs, double accuracy, int chosenShorterPairs, Double accuracyChosenLonger,
        Double accuracyChosenShorter) {

    /** The key of pairs that name no source. */
    public static final String NO_SOURCE = "(no source)";

    /**
     * @param margins implicit-reward margins, one per pair
     * @param shorter per pair, whether its chosen answer is the shorter
     * @param sources per pair, its source; null pairs are counted under {@link #NO_SOURCE}
     * @return per source, sorted by name
     */
    public static Map<String, SourceAccuracy> of(double[] margins, boolean[] shorter, List<String> sources) {
        if (margins.length != shorter.length || margins.length != sources.size()) {
            throw new IllegalArgumentException(margins.length + " margins, " + shorter.length + " length flags and "
                    + sources.size() + " sources: one each per pair");
        }
        Map<String, double[]> cells = new TreeMap<>(); // source -> {credit shorter, n shorter, credit longer, n longer}
        for (int i = 0; i < margins.length; i++) {
            double[] c = cells.computeIfAbsent(Objects.requireNonNullElse(sources.get(i), NO_SOURCE), k -> new double[4]);
            int side = shorter[i] ? 0 : 2;
            c[side] += ImplicitReward.credit(margins[i]);
            c[side + 1]++;
        }
        Map<String, SourceAccuracy> out = new TreeMap<>();
        cells.forEach((source, c) -> out.put(source, new SourceAccuracy((int) (c[1] + c[3]),
                (c[0] + c[2]) / (c[1] + c[3]), (int) c[1], c[3] == 0 ? null : c[2] / c[3],
                c[1] == 0 ? null : c[0] / c[1])));
        return out;
    }
}
