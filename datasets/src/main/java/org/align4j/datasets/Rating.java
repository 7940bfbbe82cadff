package org.align4j.datasets;

import java.util.List;

/**
 * One person's judgement of one answer: a thumbs up/down ({@code 1}/{@code 0}) or a score on a 1–5 scale.
 *
 * <p>In JSON the scale is the optional field {@code "scale"} ({@code "thumbs"} or {@code "1-5"}); without it,
 * a score of 0 or 1 is read as a thumb and any other score as the 1–5 scale. Write {@code "scale": "1-5"} for
 * a 1–5 score of 1, which would otherwise read as a thumbs-up.
 *
 * @param prompt the conversation so far, ending with a user turn (a plain-string prompt is one user message)
 * @param response the rated answer; not blank
 * @param score 0 or 1 on the thumbs scale; 1 to 5 on the 1–5 scale
 * @param scale the scale of {@code score}
 * @param rater an optional rater name or id, or {@code null}
 * @param id an optional identifier, or {@code null}
 */
public record Rating(List<ChatMessage> prompt, String response, double score, Scale scale, String rater, String id) {

    /** The scale a score is on. */
    public enum Scale {
        /** 1 = thumbs up, 0 = thumbs down. */
        THUMBS("thumbs"),
        /** 1 (worst) to 5 (best); fractions allowed, e.g. an average of raters. */
        FIVE_POINT("1-5");

        private final String jsonName;

        Scale(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in the JSON {@code "scale"} field. */
        public String jsonName() {
            return jsonName;
        }

        /** Parses a JSON {@code "scale"} value. */
        public static Scale fromJson(String name) {
            for (Scale s : values()) {
                if (s.jsonName.equals(name)) {
                    return s;
                }
            }
            throw new InvalidRecordException("\"scale\" is \"" + name + "\"", "use \"thumbs\" or \"1-5\"");
        }

        /** The scale a score without a {@code "scale"} field is read on: 0 and 1 are thumbs, others 1–5. */
        public static Scale inferredFrom(double score) {
            return score == 0 || score == 1 ? THUMBS : FIVE_POINT;
        }
    }

    public Rating {
        prompt = Conversations.requirePrompt(prompt, "prompt");
        InvalidRecordException.requireText(response, "response", "give the answer that was rated");
        if (scale == null) {
            throw new InvalidRecordException("\"scale\" is missing", "use Scale.THUMBS or Scale.FIVE_POINT");
        }
        if (!Double.isFinite(score)) {
            throw new InvalidRecordException("\"score\" is " + score, "give a number: 1/0 or 1 to 5");
        }
        if (scale == Scale.THUMBS && score != 0 && score != 1) {
            throw new InvalidRecordException(
                    "\"score\" is " + score + " on the thumbs scale", "use 1 (thumbs up) or 0 (thumbs down)");
        }
        if (scale == Scale.FIVE_POINT && (score < 1 || score > 5)) {
            throw new InvalidRecordException(
                    "\"score\" is " + score + " on the 1-5 scale", "give a score from 1 to 5");
        }
        Records.requireOptionalText(rater, "rater");
        Records.requireOptionalText(id, "id");
    }

    /** A rating of an answer to a one-message prompt, with the scale inferred from the score. */
    public static Rating of(String prompt, String response, double score) {
        return new Rating(List.of(ChatMessage.user(prompt)), response, score, Scale.inferredFrom(score), null, null);
    }

    /** A thumbs rating of an answer to a one-message prompt. */
    public static Rating thumbs(String prompt, String response, boolean up) {
        return new Rating(List.of(ChatMessage.user(prompt)), response, up ? 1 : 0, Scale.THUMBS, null, null);
    }

    /** This rating with another rater and id. */
    public Rating with(String newRater, String newId) {
        return new Rating(prompt, response, score, scale, newRater, newId);
    }

    /** The score mapped onto [0, 1]: thumbs as they are, 1–5 as {@code (score - 1) / 4}. */
    public double normalizedScore() {
        return scale == Scale.THUMBS ? score : (score - 1) / 4;
    }

    /** The prompt's text when it is a single user message, else {@code null}. */
    public String plainPrompt() {
        return Conversations.plainUserText(prompt);
    }
}
