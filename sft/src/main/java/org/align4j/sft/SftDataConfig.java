package org.align4j.sft;

import java.util.List;
import org.align4j.core.train.config.Checks;

/**
 * The {@code data:} section of an SFT run.
 *
 * @param train the training file: JSONL (or a JSON array) of Alpaca rows or {@code {"messages": [...]}}
 * @param validation a validation file, or null to hold out {@code validation_split} of the training rows
 * @param validationSplit the fraction of training prompts held out when there is no validation file (rows
 *     sharing a prompt stay on one side); 0 turns evaluation off
 * @param template the chat template (chatml, alpaca, plain); null: the model's own ({@code align4j_template}
 *     in tokenizer_config.json), else chatml
 * @param maxLength tokens per example; longer prompts are cut from the left, then answers from the right
 *     (reported)
 * @param skipInvalid train on the valid rows of a partly invalid file instead of stopping
 */
public record SftDataConfig(String train, String validation, double validationSplit, String template, int maxLength,
        boolean skipInvalid) {
    public static final List<String> TEMPLATES = List.of("chatml", "alpaca", "plain");

    public SftDataConfig {
        Checks.fraction("validation_split", validationSplit);
        if (template != null) {
            Checks.oneOf("template", template, TEMPLATES);
        }
        Checks.atLeast("max_length", maxLength, 8);
    }

    /** No training file yet; 10 % held out; the model's template; 512 tokens. */
    public static SftDataConfig defaults() {
        return new SftDataConfig(null, null, 0.1, null, 512, false);
    }
}
