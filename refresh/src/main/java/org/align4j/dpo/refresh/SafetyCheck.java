package org.align4j.dpo.refresh;

import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.core.bundle.ModelBundle;

/**
 * A safety score of a policy in [0, 1], higher is safer; the gate refuses a candidate whose score
 * falls more than {@code gate.max_safety_regression} below production's. Pluggable: the built-in
 * {@link RuleSafetyCheck} generates answers and applies the sample data's safety rules.
 */
public interface SafetyCheck {
    /** No safety check: the gate ignores safety. */
    SafetyCheck NONE = (policy, heldOut) -> null;

    /** The score of {@code policy} on (prompts drawn from) the held-out pairs, or null when not evaluated. */
    Double score(ModelBundle policy, List<PreferencePair> heldOut);
}
