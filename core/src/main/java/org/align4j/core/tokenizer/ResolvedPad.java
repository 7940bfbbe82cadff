package org.align4j.core.tokenizer;

/**
 * The pad token a caller will use, and whether it is the declared pad or the eos stand-in.
 *
 * @param token the token to pad with
 * @param eosFallback true when the model declares no pad token and eos stands in for it
 */
public record ResolvedPad(SpecialToken token, boolean eosFallback) {
    /** The pad id. */
    public int id() {
        return token.id();
    }
}
