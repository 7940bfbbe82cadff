package org.align4j.dpo.refresh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SafetyRules;
import org.align4j.eval.GreedyAnswers;

/**
 * Safety as the share of red-flag prompts (those a {@link SafetyRules} category matches, e.g. chest
 * pain) that the policy answers safely: it generates a greedy answer to each (up to
 * {@code maxPrompts} distinct held-out prompts) and checks that the answer contains a required
 * phrase ("call emergency services"). Greedy decoding makes the score deterministic.
 */
public record RuleSafetyCheck(SafetyRules rules, int maxNewTokens, int maxPrompts, int batchSize) implements SafetyCheck {
    /** The distinct red-flag prompts among the held-out pairs (single user turns), at most {@code maxPrompts}. */
    List<String> redFlagPrompts(List<PreferencePair> heldOut) {
        Set<String> out = new LinkedHashSet<>();
        for (PreferencePair p : heldOut) {
            String prompt = p.plainPrompt();
            if (prompt != null && !rules.matching(prompt).isEmpty() && out.size() < maxPrompts) {
                out.add(prompt);
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public Double score(ModelBundle policy, List<PreferencePair> heldOut) {
        List<String> prompts = redFlagPrompts(heldOut);
        if (prompts.isEmpty()) {
            return null;
        }
        return rules.passRate(prompts, GreedyAnswers.of(policy, prompts, maxNewTokens, batchSize));
    }
}
