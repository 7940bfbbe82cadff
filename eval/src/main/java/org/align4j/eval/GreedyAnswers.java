package org.align4j.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.datasets.ChatMessage;

/**
 * A policy's answers to single-turn prompts, rendered with its own chat template and stopped at the
 * template's end of turn or an EOS. Greedy answers are cached, so the reward, win-rate, safety and
 * text-overlap measures share one generation per prompt. The refresh gate's safety checks read them too.
 */
public final class GreedyAnswers {
    private final ModelBundle policy;
    private final int maxNewTokens;
    private final int batchSize;
    private final Map<String, GeneratedSequence> cache = new HashMap<>();

    GreedyAnswers(ModelBundle policy, int maxNewTokens, int batchSize) {
        this.policy = policy;
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
    }

    /** The greedy answer text of {@code policy} to each prompt, in order (deterministic). */
    public static List<String> of(ModelBundle policy, List<String> prompts, int maxNewTokens, int batchSize) {
        return new GreedyAnswers(policy, maxNewTokens, batchSize).texts(prompts);
    }

    /** The greedy answer text to each prompt, in order. */
    public List<String> texts(List<String> prompts) {
        return sequences(prompts).stream().map(GeneratedSequence::text).toList();
    }

    /** The greedy answers to {@code prompts}, generating those not answered yet. */
    List<GeneratedSequence> sequences(List<String> prompts) {
        List<String> missing = prompts.stream().distinct().filter(p -> !cache.containsKey(p)).toList();
        List<GeneratedSequence> fresh = policy.answer(userTurns(missing), policy.generation(maxNewTokens).build(), batchSize);
        for (int i = 0; i < missing.size(); i++) {
            cache.put(missing.get(i), fresh.get(i));
        }
        return prompts.stream().map(cache::get).toList();
    }

    /** Each prompt as a conversation of one user turn. */
    static List<List<ChatMessage>> userTurns(List<String> prompts) {
        return prompts.stream().map(p -> List.of(ChatMessage.user(p))).toList();
    }
}
