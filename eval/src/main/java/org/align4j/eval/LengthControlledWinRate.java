package org.align4j.eval;

/**
 * A win rate with the effect of answer length taken out, after AlpacaEval 2's length-controlled win rate
 * (Dubois et al. 2024, "Length-Controlled AlpacaEval"): a logistic regression of each prompt's outcome
 * (1 win, ½ tie, 0 loss) on the standardised length difference of the two answers,
 * {@code P(win) = σ(a + b · (len_mine − len_theirs) / sd)}, and the win rate it predicts at equal length,
 * {@code σ(a)}. A model that wins only by writing longer answers gets a length-controlled win rate near ½.
 * Fitted by Newton's method with a small ridge on {@code b} so that a separable sample stays finite.
 */
public final class LengthControlledWinRate {
    /** Ridge on the length coefficient: keeps the fit finite when length separates wins from losses. */
    static final double RIDGE = 1e-3;
    private static final int ITERATIONS = 50;

    private LengthControlledWinRate() {}

    /**
     * @param outcomes per prompt 1 (win), 0.5 (tie) or 0 (loss)
     * @param lengthDiff per prompt, the model's answer length minus the other's, in tokens
     * @return the predicted win rate at equal length; NaN without prompts
     */
    public static double of(double[] outcomes, double[] lengthDiff) {
        if (outcomes.length != lengthDiff.length) {
            throw new IllegalArgumentException(outcomes.length + " outcomes but " + lengthDiff.length
                    + " length differences; give one of each per prompt");
        }
        int n = outcomes.length;
        if (n == 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (double d : lengthDiff) {
            mean += d / n;
        }
        double var = 0;
        for (double d : lengthDiff) {
            var += (d - mean) * (d - mean) / n;
        }
        double sd = var > 0 ? Math.sqrt(var) : 1;
        double a = 0;
        double b = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            // gradient and Hessian of the mean cross-entropy (+ ridge on b)
            double ga = 0;
            double gb = RIDGE * b;
            double haa = 1e-9;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < n; i++) {
                double x = lengthDiff[i] / sd;
                double p = 1 / (1 + Math.exp(-(a + b * x)));
                double r = (p - outcomes[i]) / n;
                double w = p * (1 - p) / n;
                ga += r;
                gb += r * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return 1 / (1 + Math.exp(-a));
    }
}
