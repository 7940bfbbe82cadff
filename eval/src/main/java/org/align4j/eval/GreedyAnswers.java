package org.align4j.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.datasets.ChatMessage;
import org.align4j.dpo.train.PolicyModel;

/**
 * A policy's answers to single-turn prompts, rendered with its own chat template and stopped at the
 * template's end of turn or an EOS. Greedy answers are cached, so the reward, win-rate, safety and
 * text-overlap measures share one generation per prompt.
 */
final class GreedyAnswers {
    private final PolicyModel policy;
    private final int maxNewTokens;
    private final int batchSize;
    private final Map<String, GeneratedSequence> cache = new HashMap<>();

    GreedyAnswers(PolicyModel policy, int maxNewTokens, int batchSize) {
        this.policy = policy;
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
    }

    /** The greedy answer text to each prompt, in order. */
    List<String> texts(List<String> prompts) {
        return sequences(prompts).stream().map(GeneratedSequence::text).toList();
    }

    /** The greedy answers to {@code prompts}, generating those not answered yet. */
    List<GeneratedSequence> sequences(List<String> prompts) {
        List<String> missing = prompts.stream().distinct().filter(p -> !cache.containsKey(p)).toList();
        List<GeneratedSequence> fresh = generate(policy, missing, policy.generation(maxNewTokens).build(), batchSize);
        for (int i = 0; i < missing.size(); i++) {
            cache.put(missing.get(i), fresh.get(i));
        }
        return prompts.stream().map(cache::get).toList();
    }

    /** Answers to {@code prompts} under {@code cfg}, in batches. */
    static List<GeneratedSequence> generate(PolicyModel policy, List<String> prompts, SamplingConfig cfg,
            int batchSize) {
        Generator generator = new Generator(policy.lm(), ids -> policy.tokenizer().decode(ids, true));
        List<GeneratedSequence> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += batchSize) {
            List<int[]> ids = prompts.subList(from, Math.min(prompts.size(), from + batchSize)).stream()
                    .map(p -> policy.encoder().encodePrompt(List.of(ChatMessage.user(p)))).toList();
            out.addAll(generator.generate(ids, cfg));
        }
        return out;
    }
}
