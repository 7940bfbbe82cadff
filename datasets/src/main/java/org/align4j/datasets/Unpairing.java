package org.align4j.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ratings and preference pairs into KTO's unpaired examples.
 * <ul>
 *   <li>a thumbs rating: 👍 desirable, 👎 undesirable;</li>
 *   <li>a 1–5 score: at least {@code desirableFrom} desirable, at most {@code undesirableUpTo} undesirable, the
 *       scores between dropped (counted);</li>
 *   <li>a pair: the chosen answer desirable and the rejected one undesirable (TRL's
 *       {@code unpair_preference_dataset}).</li>
 * </ul>
 */
public final class Unpairing {
    private Unpairing() {}

    /**
     * Unpaired examples with how many ratings fell between the thresholds.
     *
     * @param examples the examples, in input order
     * @param dropped ratings on the 1–5 scale between the two thresholds
     */
    public record Result(List<UnpairedExample> examples, int dropped) {
        public Result {
            examples = List.copyOf(examples);
        }
    }

    /**
     * @param desirableFrom the lowest 1–5 score that counts as desirable (e.g. 4)
     * @param undesirableUpTo the highest 1–5 score that counts as undesirable (e.g. 2); below desirableFrom
     */
    public static Result fromRatings(List<Rating> ratings, double desirableFrom, double undesirableUpTo) {
        if (!(undesirableUpTo < desirableFrom)) {
            throw new IllegalArgumentException("undesirable_up_to (" + undesirableUpTo + ") must be below desirable_from ("
                    + desirableFrom + ")");
        }
        List<UnpairedExample> out = new ArrayList<>(ratings.size());
        int dropped = 0;
        for (Rating r : ratings) {
            Boolean desirable = r.scale() == Rating.Scale.THUMBS ? Boolean.valueOf(r.score() == 1)
                    : r.score() >= desirableFrom ? Boolean.TRUE : r.score() <= undesirableUpTo ? Boolean.FALSE : null;
            if (desirable == null) {
                dropped++;
                continue;
            }
            out.add(new UnpairedExample(r.prompt(), r.response(), desirable, 1.0, null, r.rater(), r.id()));
        }
        return new Result(out, dropped);
    }

    /** Two examples a pair, chosen (desirable) first; ids get {@code #chosen} / {@code #rejected}. */
    public static List<UnpairedExample> fromPairs(List<PreferencePair> pairs) {
        List<UnpairedExample> out = new ArrayList<>(2 * pairs.size());
        for (PreferencePair p : pairs) {
            out.add(new UnpairedExample(p.prompt(), p.chosen(), true, 1.0, null, p.source(), suffixed(p.id(), "chosen")));
            out.add(new UnpairedExample(p.prompt(), p.rejected(), false, 1.0, null, p.source(),
                    suffixed(p.id(), "rejected")));
        }
        return out;
    }

    private static String suffixed(String id, String side) {
        return id == null ? null : id + "#" + side;
    }
}
