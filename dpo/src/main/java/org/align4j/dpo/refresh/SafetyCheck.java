package org.align4j.dpo.refresh;

import org.align4j.dpo.train.PolicyModel;

/**
 * A safety score of a policy in [0, 1], higher is safer; the gate refuses a candidate whose score
 * falls more than {@code gate.max_safety_regression} below production's. Pluggable: the built-in
 * {@link SafetyPairsCheck} compares likelihoods of safe and unsafe answers; a check that generates
 * answers and applies rules can replace it.
 */
public interface SafetyCheck {
    /** No safety check: the gate ignores safety. */
    SafetyCheck NONE = policy -> null;

    /** The score of {@code policy}, or null when this check does not evaluate. */
    Double score(PolicyModel policy);
}
