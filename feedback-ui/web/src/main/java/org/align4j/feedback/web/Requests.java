package org.align4j.feedback.web;

import io.javalin.http.BadRequestResponse;
import java.util.Locale;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Thumb;

/** The JSON bodies the API accepts. */
final class Requests {
    private Requests() {}

    record Login(String username, String password) {}

    /** {"responseId": 12, "value": "up" | "down" | "unsafe", "comment": "..."}; unsafe is a 👎 marked dangerous. */
    record Rating(Long responseId, String value, String comment) {
        Thumb thumb() {
            if ("up".equals(value)) {
                return Thumb.UP;
            }
            if ("down".equals(value)) {
                return Thumb.DOWN;
            }
            if ("unsafe".equals(value)) {
                return Thumb.UNSAFE;
            }
            throw new BadRequestResponse("value is '" + value + "': allowed values are \"up\", \"down\" and \"unsafe\"");
        }
    }

    /** {"responseAId": 12, "responseBId": 15, "choice": "A" | "B" | "BOTH_BAD", "comment": "..."} */
    record Comparison(Long responseAId, Long responseBId, String choice, String comment) {
        Choice parsedChoice() {
            try {
                return Choice.valueOf(String.valueOf(choice).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("choice is '" + choice + "': allowed values are \"A\", \"B\" and \"BOTH_BAD\"");
            }
        }
    }

    /** {"responseId": 12, "text": "the corrected answer", "comment": "..."} */
    record Correction(Long responseId, String text, String comment) {}

    /** {"responseId": 12} to skip an answer, or {"responseAId": 12, "responseBId": 15} to skip a pair. */
    record Skip(Long responseId, Long responseAId, Long responseBId) {}

    /** Admin: {"username": "ann", "displayName": "Dr Ann", "password": "...", "role": "doctor" | "admin"} */
    record NewUser(String username, String displayName, String password, String role) {}

    /** Admin: {"password": "..."} */
    record NewPassword(String password) {}

    /** Admin: {"active": false} */
    record Active(Boolean active) {}

    static String requiredText(String value, String field) {
        if (value == null) {
            throw new BadRequestResponse("field '" + field + "' is missing: give it as text");
        }
        return value;
    }

    static long required(Long value, String field) {
        if (value == null) {
            throw new BadRequestResponse("field '" + field + "' is missing: give the answer's id as a number");
        }
        return value;
    }
}
