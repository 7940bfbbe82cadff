package org.align4j.core.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.align4j.core.nn.Scalars;

/**
 * The one definition of the implicit reward of a preference-trained policy and of the measures taken
 * from it (Rafailov et al. 2023, §5): {@code r(x, y) = β (log πθ(y|x) − log π_ref(y|x))} with summed
 * response log-probs; the margin of a pair {@code r(x, y_w) − r(x, y_l)}; preference accuracy, the
 * share of pairs with a positive margin, ties counting half (a policy against itself scores 0.5).
 * Reference-free methods (SimPO) use {@code β · mean token log-prob} instead. DPO's training metrics,
 * {@code align eval} and the refresh gate all measure through this class, so one β means one scale.
 */
public final class ImplicitReward {
    /** β when none is given: TRL's and {@code dpo.beta}'s default. */
    public static final double DEFAULT_BETA = 0.1;

    private ImplicitReward() {}

    /**
     * (N) pair margins {@code β[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]} from
     * summed response log-probs.
     */
    public static double[] margins(double beta, float[] chosen, float[] rejected, float[] refChosen,
            float[] refRejected) {
        int n = sameLength(chosen, rejected, refChosen, refRejected);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = beta * (((double) chosen[i] - refChosen[i]) - ((double) rejected[i] - refRejected[i]));
        }
        return m;
    }

    /**
     * (N) per-token margins {@code β[(log π(y_w) − log π_ref(y_w))/|y_w| − (log π(y_l) − log π_ref(y_l))/|y_l|]}:
     * the implicit reward of LN-DPO and LN-KTO ({@code dpo.length_normalize}), which divide each answer's summed
     * log-ratio by its token count so that an answer is not judged by its length.
     */
    public static double[] perTokenMargins(double beta, float[] chosen, float[] rejected, float[] refChosen,
            float[] refRejected, float[] chosenTokens, float[] rejectedTokens) {
        int n = sameLength(chosen, rejected, refChosen, refRejected);
        sameLength(chosen, chosenTokens, rejectedTokens, chosen);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = beta * (((double) chosen[i] - refChosen[i]) / chosenTokens[i]
                    - ((double) rejected[i] - refRejected[i]) / rejectedTokens[i]);
        }
        return m;
    }

    /**
     * (N) reference-free margins {@code β (log π(y_w)/|y_w| − log π(y_l)/|y_l|)} on length-averaged
     * log-probs (SimPO's reward; with β = 1 the likelihood margin).
     */
    public static double[] lengthNormalisedMargins(double beta, float[] chosen, float[] rejected,
            float[] chosenTokens, float[] rejectedTokens) {
        int n = sameLength(chosen, rejected, chosenTokens, rejectedTokens);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = beta * ((double) chosen[i] / chosenTokens[i] - (double) rejected[i] / rejectedTokens[i]);
        }
        return m;
    }

    /** A pair's credit toward preference accuracy: 1 for a positive margin, 0.5 for a tie, 0 otherwise. */
    public static double credit(double margin) {
        return margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
    }

    /** (B) the same credit, per pair, of (B) margins on the margins' manager. */
    public static NDArray credits(NDArray margins) {
        NDArray wins = margins.gt(0).toType(DataType.FLOAT32, false);
        return wins.addi(Scalars.muli(margins.eq(0).toType(DataType.FLOAT32, false), 0.5f));
    }

    /** Preference accuracy: the mean {@link #credit} of the margins; NaN without pairs. */
    public static double accuracy(double[] margins) {
        double s = 0;
        for (double m : margins) {
            s += credit(m);
        }
        return margins.length == 0 ? Double.NaN : s / margins.length;
    }

    /** The mean of the values; NaN when there are none. */
    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    private static int sameLength(float[] a, float[] b, float[] c, float[] d) {
        if (b.length != a.length || c.length != a.length || d.length != a.length) {
            throw new IllegalArgumentException("per-pair arrays differ in length: " + a.length + ", " + b.length
                    + ", " + c.length + ", " + d.length + "; score the same pairs under both policies");
        }
        return a.length;
    }
}
