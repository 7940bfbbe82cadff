package org.align4j.dpo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.align4j.datasets.PreferencePair;

/**
 * {@code data.source_weights}: multiplies the weight of each training pair of a named {@code source} (a pair
 * without a weight counts 1). The loss then scales each pair by its weight, normalised to mean 1 over the
 * training pairs ({@link ExampleLabels}), so a factor moves weight between sources rather than raising the
 * learning rate.
 */
public final class SourceWeights {
    private SourceWeights() {}

    /**
     * @return {@code pairs} with the factors applied (the same list when {@code factors} is empty)
     * @throws IllegalArgumentException naming the source when a factor's source has no training pair
     */
    public static List<PreferencePair> apply(List<PreferencePair> pairs, Map<String, Double> factors) {
        if (factors.isEmpty()) {
            return pairs;
        }
        Set<String> present = pairs.stream().map(PreferencePair::source).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String source : factors.keySet()) {
            if (!present.contains(source)) {
                throw new IllegalArgumentException("data.source_weights: no training pair has source \"" + source
                        + "\"; the training pairs' sources: " + present + " (fix the name or remove the entry)");
            }
        }
        List<PreferencePair> out = new ArrayList<>(pairs.size());
        for (PreferencePair p : pairs) {
            Double factor = p.source() == null ? null : factors.get(p.source());
            out.add(factor == null ? p : p.withWeight((p.weight() == null ? 1.0 : p.weight()) * factor, p.reason()));
        }
        return out;
    }

    /** How many of {@code pairs} each factor applies to, for the run's log: {@code "a ×4 (106 pairs)"}. */
    public static String describe(List<PreferencePair> pairs, Map<String, Double> factors) {
        List<String> parts = new ArrayList<>();
        factors.forEach((source, f) -> parts.add(source + " ×" + f + " ("
                + pairs.stream().filter(p -> source.equals(p.source())).count() + " pairs)"));
        return String.join(", ", parts);
    }
}
