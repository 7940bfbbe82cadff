package org.align4j.core.generate;

/** Why a generated sequence ended. */
public enum FinishReason {
    /** It sampled an end-of-sequence token (kept as its last token). */
    EOS("eos"),
    /** It sampled one of the configured stop tokens (kept as its last token). */
    STOP_TOKEN("stop_token"),
    /** Its decoded text came to contain a stop string. */
    STOP_STRING("stop_string"),
    /** It reached max_new_tokens without stopping. */
    LENGTH("length");

    private final String jsonName;

    FinishReason(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name written in JSON output ({@code eos}, {@code stop_token}, {@code stop_string}, {@code length}). */
    public String jsonName() {
        return jsonName;
    }
}
