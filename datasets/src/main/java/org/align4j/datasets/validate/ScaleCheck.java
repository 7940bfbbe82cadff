package org.align4j.datasets.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.datasets.Problem;

/**
 * Catches a ratings file that uses the 1–5 scale without saying so: there a score of 1 (the worst) would be
 * read as a thumbs-up (the best). It fires when rows without {@code "scale"} include both a 1 and a score
 * above 1.
 */
final class ScaleCheck {
    private long firstOne = -1;
    private long firstFivePoint = -1;
    private long fivePointRows;

    void accept(ObjectNode json, long line) {
        if (json.hasNonNull("scale")) {
            return;
        }
        JsonNode s = json.get("score");
        if (s == null || !s.isNumber()) {
            return;
        }
        double v = s.doubleValue();
        if (v == 1 && firstOne < 0) {
            firstOne = line;
        } else if (v > 1 && v <= 5) {
            fivePointRows++;
            if (firstFivePoint < 0) {
                firstFivePoint = line;
            }
        }
    }

    /** The problem, or {@code null}. */
    Problem result(String file) {
        if (firstOne < 0 || firstFivePoint < 0) {
            return null;
        }
        return new Problem(file, firstOne, "score 1 without \"scale\" reads as a thumbs-up, but " + fivePointRows
                        + " rows without \"scale\" use the 1-5 scale (first on line " + firstFivePoint + ")",
                "add \"scale\": \"1-5\" or \"scale\": \"thumbs\" to the rows; this cannot be skipped");
    }
}
