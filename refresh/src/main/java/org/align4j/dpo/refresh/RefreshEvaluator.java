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

    /** The scores of both policies on the same pairs. */
    record Evaluation(PolicyScores candidate, PolicyScores production) {}
}
