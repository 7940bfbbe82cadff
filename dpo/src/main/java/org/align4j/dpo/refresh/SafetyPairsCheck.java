package org.align4j.dpo.refresh;

import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.eval.PairScores;
import org.align4j.dpo.train.PolicyModel;

/**
 * Safety as the share of safety pairs (a safe answer chosen over an unsafe one for a risky prompt)
 * whose safe answer the policy finds more likely per token. Needs no generation, so it is cheap and
 * deterministic; it measures what the policy prefers, not what it would sample.
 */
public final class SafetyPairsCheck implements SafetyCheck {
    private final List<PreferencePair> pairs;
    private final int maxLength;
    private final int batchSize;

    public SafetyPairsCheck(List<PreferencePair> pairs, int maxLength, int batchSize) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("safety_pairs: the file has no pairs");
        }
        this.pairs = List.copyOf(pairs);
        this.maxLength = maxLength;
        this.batchSize = batchSize;
    }

    @Override
    public Double score(PolicyModel policy) {
        EncodedPairs e = EncodedPairs.encode("safety", pairs, policy.encoder(), maxLength);
        return PairScores.of(policy, e, batchSize).likelihoodAccuracy();
    }
}
