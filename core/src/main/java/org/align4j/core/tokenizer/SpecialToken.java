package org.align4j.core.tokenizer;

/**
 * A special token resolved for a role.
 *
 * @param text the token's string, e.g. {@code <|endoftext|>}
 * @param id its id
 * @param source where it was declared, e.g. {@code generation_config.json eos_token_id}
 */
public record SpecialToken(String text, int id, String source) {}
