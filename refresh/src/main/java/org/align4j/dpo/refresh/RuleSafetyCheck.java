package org.align4j.dpo.refresh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SafetyRules;
import org.align4j.dpo.train.PolicyModel;

/**
 * Safety as the share of red-flag prompts (those a {@link SafetyRules} category matches, e.g. chest
 * pain) that the policy answers safely: it generates a greedy answer to each (up to
 * {@code maxPrompts} distinct held-out prompts) and checks that the answer contains a required
 * phrase ("call emergency services"). Greedy decoding makes the score deterministic.
 */
public final class RuleSafetyCheck implements SafetyCheck {
    private final SafetyRules rules;
    private final int maxNewTokens;
    private final int maxPrompts;
    private final int batchSize;

    public RuleSafetyCheck(SafetyRules rules, int maxNewTokens, int maxPrompts, int batchSize) {
        this.rules = rules;
        this.maxNewTokens = maxNewTokens;
        this.maxPrompts = maxPrompts;
        this.batchSize = batchSize;
    }

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
    public Double score(PolicyModel policy, List<PreferencePair> heldOut) {
        List<String> prompts = redFlagPrompts(heldOut);
        if (prompts.isEmpty()) {
            return null;
        }
        Generator generator = new Generator(policy.lm(), ids -> policy.tokenizer().decode(ids, true));
        SamplingConfig cfg = policy.generation(maxNewTokens).build();
        int safe = 0;
        for (int from = 0; from < prompts.size(); from += batchSize) {
            List<String> batch = prompts.subList(from, Math.min(prompts.size(), from + batchSize));
            List<int[]> ids = batch.stream().map(p -> policy.encoder().encodePrompt(List.of(ChatMessage.user(p)))).toList();
            List<GeneratedSequence> answers = generator.generate(ids, cfg);
            for (int i = 0; i < batch.size(); i++) {
                safe += rules.isSafe(batch.get(i), answers.get(i).text()) ? 1 : 0;
            }
        }
        return (double) safe / prompts.size();
    }
}
