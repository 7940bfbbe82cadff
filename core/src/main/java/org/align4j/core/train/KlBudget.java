package org.align4j.core.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A budget on how far a policy may move from its reference: the KL divergence KL(π ‖ π_ref) per answer, in
 * nats (summed over the answer's tokens), measured on held-out prompts at each evaluation and logged as
 * {@value #METRIC}. The one rule DPO and PPO (and GRPO) share: an evaluation over the budget can never be the
 * run's best, it is reported ({@value #USED}: KL / budget), the run summary warns about it, and with
 * {@code stop} the run ends there and keeps the best evaluation within the budget.
 *
 * <p>Why: a policy that drifts far from its reference is only measured well on the data it was trained on;
 * on other phrasings its log-probs fall with length and its preferences turn round (issue 16: DPO at 113
 * nats ranked 39 of 40 independent pairs the wrong way).
 *
 * @param nats the budget, in nats per answer; {@link Double#POSITIVE_INFINITY} for none
 * @param stop end the run at the first evaluation over the budget
 */
public record KlBudget(double nats, boolean stop) {
    /** The evaluation metric the budget applies to: the mean KL per held-out answer. */
    public static final String METRIC = "eval_kl";
    /** The share of the budget used at an evaluation, {@code eval_kl / budget}. */
    public static final String USED = "eval_kl_budget_used";

    public KlBudget {
        if (!(nats > 0)) {
            throw new IllegalArgumentException("kl_budget: must be a positive number of nats per answer (or 0 for"
                    + " none), got " + nats);
        }
        if (stop && Double.isInfinite(nats)) {
            throw new IllegalArgumentException("stop_on_kl_budget: true needs a kl_budget (nats per answer, e.g. 20)"
                    + " to stop on");
        }
    }

    /** No budget: the KL is still reported where measured, nothing is judged by it. */
    public static KlBudget none() {
        return new KlBudget(Double.POSITIVE_INFINITY, false);
    }

    /**
     * From a configuration's fields, where {@code kl_budget: 0} means none.
     *
     * @throws IllegalArgumentException naming the field when the budget is negative, or stop is set without one
     */
    public static KlBudget of(double nats, boolean stop) {
        if (nats < 0 || Double.isNaN(nats)) {
            throw new IllegalArgumentException("kl_budget: must be >= 0 nats per answer (0: no budget), got " + nats);
        }
        return nats == 0 ? (stop ? new KlBudget(Double.POSITIVE_INFINITY, true) : none()) : new KlBudget(nats, stop);
    }

    /** Whether a budget is set. */
    public boolean isSet() {
        return Double.isFinite(nats);
    }

    /**
     * Whether a measured KL is within the budget (always, without one).
     *
     * @throws IllegalArgumentException when the KL is NaN: a measurement that failed must not pass as within
     */
    public boolean within(double kl) {
        if (Double.isNaN(kl)) {
            throw new IllegalArgumentException(METRIC + " is NaN: the KL to the reference was not measured (no"
                    + " held-out prompts, or no answer tokens)");
        }
        return kl <= nats;
    }

    /**
     * What a run remembers of its evaluations against the budget: the largest KL seen and the first
     * {@code unit} (step, iteration) over the budget, for the warning in the run summary.
     */
    public static final class Watch {
        private final KlBudget budget;
        private double maxKl = Double.NaN;
        private long firstOver = -1;
        private double firstOverKl = Double.NaN;

        public Watch(KlBudget budget) {
            this.budget = budget;
        }

        public KlBudget budget() {
            return budget;
        }

        /**
         * Records the KL measured at {@code step}; true when it is within the budget.
         *
         * @throws IllegalArgumentException when the KL is NaN
         */
        public boolean observe(long step, double kl) {
            boolean within = budget.within(kl);
            maxKl = Double.isNaN(maxKl) ? kl : Math.max(maxKl, kl);
            if (!within && firstOver < 0) {
                firstOver = step;
                firstOverKl = kl;
            }
            return within;
        }

        /** Whether an evaluation has passed the budget. */
        public boolean passed() {
            return firstOver >= 0;
        }

        /** The largest KL observed, NaN before the first. */
        public double maxKl() {
            return maxKl;
        }

        /**
         * The run summary's warning when the budget was passed, else null.
         *
         * @param unit the word for a step ("step", "iteration")
         */
        public String warning(String unit) {
            if (!passed()) {
                return null;
            }
            return String.format(Locale.ROOT, "warning: the KL to the reference passed the budget of %s nats per"
                    + " answer at %s %d (%s nats; largest %s): %s", nats(budget.nats()), unit, firstOver,
                    nats(firstOverKl), nats(maxKl), budget.stop() ? "stop_on_kl_budget ended the run there" : "the"
                    + " policy has moved far from its reference and may not generalise beyond the training"
                    + " phrasings; lower the learning rate or the steps, raise β, or set stop_on_kl_budget: true");
        }

        /** The message printed when the run stops on the budget. */
        public String stopMessage(String unit, long step, double kl, Long bestStep) {
            return String.format(Locale.ROOT, "stopping at %s %d: the KL to the reference, %s nats per answer, passed"
                    + " the budget of %s (stop_on_kl_budget); %s", unit, step, nats(kl), nats(budget.nats()),
                    bestStep == null ? "no evaluation after the start was within the budget, so the final model is"
                            + " this " + unit + "'s"
                            : "the final model is the best evaluation within the budget, " + unit + " " + bestStep);
        }
    }

    /** Four significant digits without trailing zeros: 20, 31.5, 0.05. */
    public static String nats(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
