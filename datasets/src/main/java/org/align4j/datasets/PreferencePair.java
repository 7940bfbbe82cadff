package org.align4j.datasets;

import java.util.List;

/**
 * A preference pair: for one prompt, the answer people preferred and the one they did not.
 *
 * <p>A plain-string prompt is one user message; such a pair is written back in the plain form
 * ({@code "prompt": "..."}), any other prompt as a message list.
 *
 * @param prompt the conversation so far, ending with a user turn
 * @param chosen the preferred answer; not blank
 * @param rejected the other answer; not blank, and not the same text as {@code chosen}
 * @param id an optional identifier, or {@code null}
 * @param source an optional note of where the pair came from (a rater, a generator), or {@code null}
 * @param margin an optional non-negative strength of the preference (as in Llama 2's margin loss), or
 *     {@code null}
 * @param weight an optional weight of the pair in a weighted loss (rater reliability, severity), finite and &gt; 0,
 *     or {@code null} (1)
 * @param reason why the pair has that weight, or {@code null}
 */
public record PreferencePair(List<ChatMessage> prompt, String chosen, String rejected, String id, String source,
        Double margin, Double weight, String reason) {

    public PreferencePair {
        prompt = Conversations.requirePrompt(prompt, "prompt");
        InvalidRecordException.requireText(chosen, "chosen", "give the preferred answer");
        InvalidRecordException.requireText(rejected, "rejected", "give the answer that was not preferred");
        if (chosen.strip().equals(rejected.strip())) {
            throw new InvalidRecordException(
                    "\"chosen\" and \"rejected\" are the same text",
                    "a pair needs two different answers; drop the row or fix one answer");
        }
        Records.requireOptionalText(id, "id");
        Records.requireOptionalText(source, "source");
        if (margin != null && (!Double.isFinite(margin) || margin < 0)) {
            throw new InvalidRecordException(
                    "\"margin\" is " + margin, "give a finite number >= 0, or leave the field out");
        }
        if (weight != null && (!Double.isFinite(weight) || weight <= 0)) {
            throw new InvalidRecordException(
                    "\"weight\" is " + weight, "give a finite number > 0, or leave the field out (1)");
        }
        Records.requireOptionalText(reason, "reason");
    }

    /** A pair without weight. */
    public PreferencePair(List<ChatMessage> prompt, String chosen, String rejected, String id, String source,
            Double margin) {
        this(prompt, chosen, rejected, id, source, margin, null, null);
    }

    /** A pair whose prompt is one user message, without id, source or margin. */
    public static PreferencePair of(String prompt, String chosen, String rejected) {
        return new PreferencePair(List.of(ChatMessage.user(prompt)), chosen, rejected, null, null, null);
    }

    /** This pair with another id, source and margin. */
    public PreferencePair with(String newId, String newSource, Double newMargin) {
        return new PreferencePair(prompt, chosen, rejected, newId, newSource, newMargin, weight, reason);
    }

    /** This pair with a weight and the reason for it. */
    public PreferencePair withWeight(Double newWeight, String newReason) {
        return new PreferencePair(prompt, chosen, rejected, id, source, margin, newWeight, newReason);
    }

    /** The prompt's text when it is a single user message, else {@code null}. */
    public String plainPrompt() {
        return Conversations.plainUserText(prompt);
    }
}
