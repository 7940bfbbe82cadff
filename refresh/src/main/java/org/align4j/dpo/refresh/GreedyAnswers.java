package org.align4j.dpo.refresh;

import java.util.ArrayList;
import java.util.List;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.datasets.ChatMessage;
import org.align4j.dpo.train.PolicyModel;

/** A policy's greedy answers to single-turn prompts, in batches: what the gate's checks read (deterministic). */
final class GreedyAnswers {
    private GreedyAnswers() {}

    static List<String> of(PolicyModel policy, List<String> prompts, int maxNewTokens, int batchSize) {
        Generator generator = new Generator(policy.lm(), ids -> policy.tokenizer().decode(ids, true));
        SamplingConfig cfg = policy.generation(maxNewTokens).build();
        List<String> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += batchSize) {
            List<String> batch = prompts.subList(from, Math.min(prompts.size(), from + batchSize));
            List<int[]> ids = batch.stream().map(p -> policy.encoder().encodePrompt(List.of(ChatMessage.user(p)))).toList();
            for (GeneratedSequence s : generator.generate(ids, cfg)) {
                out.add(s.text());
            }
        }
        return out;
    }
}
