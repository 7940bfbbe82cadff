package org.align4j.feedback.pairs;

import java.time.Instant;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;

/**
 * A preference pair as stored: {@code {"prompt","chosen","rejected"}} plus where it came from.
 * {@code id} only grows, so it serves as a training job's watermark.
 */
public record StoredPair(long id, String key, long promptId, String prompt, Long chosenResponseId, String chosen,
                         long rejectedResponseId, String rejected, String source, Double margin,
                         String provenanceJson, Instant feedbackAt) {

    /**
     * The pair as a trainer reads it: the prompt as one user message, id {@code feedback-pair-<id>}.
     *
     * @throws org.align4j.datasets.InvalidRecordException when the two answers have the same text
     *     or one is blank (a model can produce such answers; skip the pair)
     */
    public PreferencePair toPreferencePair() {
        return new PreferencePair(List.of(ChatMessage.user(prompt)), chosen, rejected, "feedback-pair-" + id, source, margin);
    }
}
