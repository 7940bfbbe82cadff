package org.align4j.dpo.refresh;

import java.nio.file.Path;
import java.util.List;
import org.align4j.datasets.PreferencePair;

/**
 * Scores the candidate and the production policy on the held-out pairs (the real one:
 * {@link DpoRefreshEvaluator}). Tests inject fakes.
 */
@FunctionalInterface
public interface RefreshEvaluator {
    Evaluation evaluate(Path candidate, Path production, List<PreferencePair> heldOut);

    /**
     * The answers doctors marked unsafe that the candidate gives again: its greedy answer to each flagged prompt,
     * compared with the flagged answers (up to white space). One line per repeat; empty when there is none.
     *
     * @param flagged prompt → the answers to it marked unsafe
     */
    default List<String> unsafeRepeats(Path candidate, java.util.Map<String, java.util.Set<String>> flagged) {
        return List.of();
    }

    /** The scores of both policies on the same pairs. */
    record Evaluation(PolicyScores candidate, PolicyScores production) {}
}
