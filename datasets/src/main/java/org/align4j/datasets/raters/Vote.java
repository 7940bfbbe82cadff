package org.align4j.datasets.raters;

/**
 * One rater's binary judgement of one item (a 👍/👎 on an answer, or "A is better" on a pair).
 *
 * @param item what was judged (an answer id, a pair key)
 * @param rater who judged it
 * @param positive the judgement: 👍, or "the first is better"
 */
public record Vote(String item, String rater, boolean positive) {
    public Vote {
        if (item == null || item.isBlank() || rater == null || rater.isBlank()) {
            throw new IllegalArgumentException("a vote needs an item and a rater, got item " + item + ", rater " + rater);
        }
    }
}
