package org.align4j.ppo.reward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composable reward: a list of named reward functions, each with a weight; an answer's reward is
 * {@code Σ_k w_k·f_k(answer)}. Every component is kept and logged separately (unweighted, as
 * {@code reward_NAME}), so a run shows which reward moved; the logged total {@code reward} is exactly the
 * weighted sum of the logged components' means.
 */
public final class WeightedRewards {
    /** One entry of the list. */
    public record Term(String name, double weight, RewardFunction function) {
        public Term {
            if (name == null || !name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("rewards: name '" + name + "' must be lower-case letters, digits or _");
            }
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("rewards." + name + ".weight: must be a finite number, got " + weight);
            }
        }
    }

    /**
     * The rewards of one batch.
     *
     * @param total per answer, the weighted sum
     * @param components per name, each function's unweighted values, in list order
     */
    public record Scored(double[] total, Map<String, double[]> components) {}

    private final List<Term> terms;

    public WeightedRewards(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("rewards: the list is empty; give at least one reward function");
        }
        long distinct = terms.stream().map(Term::name).distinct().count();
        if (distinct != terms.size()) {
            throw new IllegalArgumentException("rewards: two entries have the same name; give each a distinct name");
        }
        this.terms = List.copyOf(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    /** Every function's values and their weighted sum. */
    public Scored score(AnswerBatch batch) {
        double[] total = new double[batch.size()];
        Map<String, double[]> components = new LinkedHashMap<>();
        for (Term t : terms) {
            double[] v = t.function().score(batch);
            if (v.length != batch.size()) {
                throw new IllegalStateException("reward " + t.name() + " gave " + v.length + " values for "
                        + batch.size() + " answers");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalStateException("reward " + t.name() + " is " + v[i] + " for answer " + i
                            + " (" + abbreviate(batch.answers().get(i)) + ")");
                }
                total[i] += t.weight() * v[i];
            }
            components.put(t.name(), v);
        }
        return new Scored(total, components);
    }

    /** {@code reward} (the mean total) and {@code reward_NAME} (each component's unweighted mean). */
    public static Map<String, Double> means(Scored s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("reward", mean(s.total()));
        s.components().forEach((name, v) -> m.put("reward_" + name, mean(v)));
        return m;
    }

    /**
     * {@link #means} plus {@code safety_pass_rate} (the share of red-flag answers that passed, when the list
     * has a {@link SafetyReward} and the batch a red-flag prompt).
     */
    public Map<String, Double> logged(Scored s) {
        Map<String, Double> m = means(s);
        for (Term t : terms) {
            if (t.function() instanceof SafetyReward) {
                Double rate = SafetyReward.passRate(s.components().get(t.name()));
                if (rate != null) {
                    m.put("safety_pass_rate", rate);
                }
            }
        }
        return m;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? 0 : sum / v.length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
