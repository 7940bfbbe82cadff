package org.align4j.ppo.config;

import java.util.List;
import org.align4j.core.train.config.Checks;
import org.align4j.datasets.template.ChatTemplates;

/**
 * Where rollout prompts come from.
 *
 * @param train the prompts PPO samples answers to: a JSONL (or JSON array) data file of {@code kind}
 * @param eval held-out prompts whose mean reward is measured every {@code eval.every} iterations, or null
 * @param kind the file's kind: {@code pairs} and {@code ratings} give their {@code prompt}, {@code sft} its
 *     conversation without the last assistant turn; repeated prompts are kept once
 * @param template the chat template that renders prompts ({@code chatml}, {@code alpaca}, {@code plain}); null
 *     takes the policy tokenizer's {@code align4j_template}
 * @param maxPromptTokens prompts longer than this are left out (their count is reported)
 * @param skipInvalid use the valid rows of a partly invalid file instead of failing
 */
public record PromptsConfig(String train, String eval, String kind, String template, int maxPromptTokens,
        boolean skipInvalid) {
    /** The data kinds a prompt can be read from. */
    public static final List<String> KINDS = List.of("pairs", "ratings", "sft");

    public PromptsConfig {
        Checks.oneOf("kind", kind, KINDS);
        if (template != null) {
            Checks.oneOf("template", template, ChatTemplates.NAMES);
        }
        Checks.positive("max_prompt_tokens", maxPromptTokens);
    }

    /** No files yet (the run's config must give {@code prompts.train}), preference pairs, 256-token prompts. */
    public static PromptsConfig defaults() {
        return new PromptsConfig(null, null, "pairs", null, 256, false);
    }
}
