package org.align4j.dpo.refresh;

import java.util.List;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.datasets.ChatMessage;

/** A policy's greedy answers to single-turn prompts, in batches: what the gate's checks read (deterministic). */
final class GreedyAnswers {
    private GreedyAnswers() {}

    static List<String> of(ModelBundle policy, List<String> prompts, int maxNewTokens, int batchSize) {
        return policy.answer(prompts.stream().map(p -> List.of(ChatMessage.user(p))).toList(),
                policy.generation(maxNewTokens).build(), batchSize).stream().map(GeneratedSequence::text).toList();
    }
}
