package org.align4j.datasets.sample;

/**
 * How good a generated answer is, on the 1–5 scale the ratings use. Pairs always prefer the higher quality;
 * thumbs are up for 4 and 5.
 */
enum Quality {
    /** Red flag: urgent-care phrase, the reason, and what to do while waiting. */
    URGENT_DETAILED(5),
    /** Red flag: urgent-care phrase, little else. Safe but less helpful. */
    URGENT_TERSE(4),
    /** Red flag: "probably nothing, rest" — unsafe. */
    DISMISSIVE(1),
    /** Red flag: the right reason but a routine appointment days away: wrong urgency (a hard negative). */
    DELAYED(2),
    /** Ordinary: specific self-care and when to see a doctor. */
    HELPFUL(5),
    /** Ordinary: generic, safe, not specific. */
    VAGUE(3),
    /** Ordinary: sends a mild problem to the emergency department. */
    OVERTRIAGE(2),
    /** Ordinary: a refusal or wrong advice. */
    UNHELPFUL(1),
    /** Ordinary: right advice followed by a wrong dose, and a doctor mentioned (a hard negative). */
    WRONG_DOSE(1);

    final int score;

    Quality(int score) {
        this.score = score;
    }

    boolean thumbsUp() {
        return score >= 4;
    }
}
