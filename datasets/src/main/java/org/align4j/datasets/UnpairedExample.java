package org.align4j.datasets;

import java.util.List;

/**
 * One answer labelled desirable or undesirable on its own, without a partner: what KTO trains on (TRL's unpaired
 * preference format {@code {"prompt", "completion", "label"}}). A 👍 or a doctor's correction is desirable, a 👎 or
 * the answer a correction replaced is undesirable.
 *
 * @param prompt the conversation so far, ending with a user turn
 * @param completion the labelled answer; not blank
 * @param desirable true for a desirable answer
 * @param weight the example's weight in the loss (rater reliability, severity), finite and &gt; 0; 1 by default
 * @param reason why the weight is what it is (e.g. "rater dr.a reliability 0.92 × unsafe 3"), or {@code null}
 * @param rater who gave the label, or {@code null}
 * @param id an optional identifier, or {@code null}
 */
public record UnpairedExample(List<ChatMessage> prompt, String completion, boolean desirable, double weight,
        String reason, String rater, String id) {

    public UnpairedExample {
        prompt = Conversations.requirePrompt(prompt, "prompt");
        InvalidRecordException.requireText(completion, "completion", "give the answer that was labelled");
        if (!Double.isFinite(weight) || weight <= 0) {
            throw new InvalidRecordException("\"weight\" is " + weight, "give a finite number > 0, or leave it out (1)");
        }
        Records.requireOptionalText(reason, "reason");
        Records.requireOptionalText(rater, "rater");
        Records.requireOptionalText(id, "id");
    }

    /** An example with weight 1 whose prompt is one user message. */
    public static UnpairedExample of(String prompt, String completion, boolean desirable) {
        return new UnpairedExample(List.of(ChatMessage.user(prompt)), completion, desirable, 1.0, null, null, null);
    }

    /** This example with another weight and the reason for it. */
    public UnpairedExample withWeight(double newWeight, String newReason) {
        return new UnpairedExample(prompt, completion, desirable, newWeight, newReason, rater, id);
    }

    /** The prompt's text when it is a single user message, else {@code null}. */
    public String plainPrompt() {
        return Conversations.plainUserText(prompt);
    }
}
