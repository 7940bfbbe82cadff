package org.align4j.feedback.pairs;

import java.time.Instant;
import java.util.Map;

/**
 * A pair the feedback supports. Exactly one of {@code chosenResponseId} (an answer preferred by
 * ratings and/or comparisons) and {@code correctionId} (a doctor's corrected answer) is set.
 *
 * @param key names the evidence: {@code responses:<chosen>><rejected>} or {@code correction:<id>}
 * @param source {@code ratings}, {@code comparison}, {@code ratings+comparison} or {@code correction}
 * @param margin how clear the preference was, in (0, 1]; null for corrections
 * @param provenance vote counts and rater ids, written to the pair's provenance JSON
 * @param feedbackAt the time of the newest feedback the pair rests on
 */
public record PairCandidate(String key, long promptId, Long chosenResponseId, Long correctionId,
                            long rejectedResponseId, String source, Double margin,
                            Map<String, Object> provenance, Instant feedbackAt) {
    public PairCandidate {
        if ((chosenResponseId == null) == (correctionId == null)) {
            throw new IllegalArgumentException("pair " + key + ": set exactly one of chosenResponseId and correctionId");
        }
        provenance = Map.copyOf(provenance);
    }
}
