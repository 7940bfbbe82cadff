package org.align4j.core.preference;

import java.math.BigDecimal;

/**
 * What {@link ImplicitReward} measures on a set of preference pairs, with the β it was measured at.
 *
 * @param beta the implicit reward's scale β
 * @param pairs the number of pairs
 * @param accuracy preference accuracy: the share of positive margins, ties counting half
 * @param margin the mean margin {@code r(x, y_w) − r(x, y_l)} in nats times β
 */
public record PreferenceMeasures(double beta, int pairs, double accuracy, double margin) {

    /** The measures of per-pair {@code margins} taken at {@code beta}. */
    public static PreferenceMeasures of(double beta, double[] margins) {
        return new PreferenceMeasures(beta, margins.length, ImplicitReward.accuracy(margins),
                ImplicitReward.mean(margins));
    }

    /** The metric key of the margin with β in it, e.g. {@code margin_beta_0.1}. */
    public String marginKey() {
        return marginKey(beta);
    }

    /** {@code margin_beta_<β>} with β written in its shortest plain decimal form. */
    public static String marginKey(double beta) {
        return "margin_beta_" + BigDecimal.valueOf(beta).stripTrailingZeros().toPlainString();
    }
}
