package org.align4j.datasets.validate;

import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.collate.Overflow;

/**
 * The model's context length, checked on every row after templating.
 *
 * @param meter measures rows in tokens with the model's template
 * @param maxTokens the longest sequence allowed
 * @param overflow what to do with a longer row: report it (invalid), drop it, or keep it for truncation
 */
public record LengthLimit(LengthMeter meter, int maxTokens, Overflow overflow) {
    public LengthLimit {
        if (meter == null || overflow == null) {
            throw new IllegalArgumentException("meter and overflow are required");
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens is " + maxTokens + "; use the model's context length (>= 2)");
        }
    }
}
