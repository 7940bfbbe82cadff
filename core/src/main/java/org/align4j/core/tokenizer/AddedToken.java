package org.align4j.core.tokenizer;

/**
 * An entry of tokenizer.json's {@code added_tokens}: a token matched whole in the input before any other
 * tokenization, such as {@code <|im_start|>}.
 *
 * @param text the token's string
 * @param id its id
 * @param special whether decoding with "skip special tokens" drops it
 */
public record AddedToken(String text, int id, boolean special) {}
