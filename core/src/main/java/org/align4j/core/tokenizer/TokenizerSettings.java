package org.align4j.core.tokenizer;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The non-token settings of a model directory's {@code tokenizer_config.json}.
 *
 * @param modelMaxLength {@code model_max_length}; empty when absent or Hugging Face's "no limit" (1e30)
 * @param chatTemplate the Jinja {@code chat_template} (the "default" one when the file holds several, or
 *     the content of {@code chat_template.jinja} / {@code chat_template.json} when the config has none)
 * @param templateName align4j's {@code align4j_template}: the name of a built-in prompt template
 * @param tokenizerClass {@code tokenizer_class}, e.g. {@code PreTrainedTokenizerFast}
 */
public record TokenizerSettings(
        OptionalInt modelMaxLength,
        Optional<String> chatTemplate,
        Optional<String> templateName,
        Optional<String> tokenizerClass) {

    /** No settings at all (a directory without tokenizer_config.json). */
    public static final TokenizerSettings NONE =
            new TokenizerSettings(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
