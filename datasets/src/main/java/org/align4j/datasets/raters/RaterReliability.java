package org.align4j.datasets.raters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far each rater's binary votes can be trusted, estimated from the votes alone with the Dawid–Skene model
 * (Dawid &amp; Skene 1979, "Maximum likelihood estimation of observer error-rates using the EM algorithm"), binary
 * case: every item has a hidden true label T; rater r says 👍 with probability {@code sensitivity_r} when T = 1 and
 * 👎 with probability {@code specificity_r} when T = 0. EM alternates the items' posteriors P(T = 1 | votes) and the
 * raters' two rates, starting from the majority vote, with add-one smoothing so that no rate is exactly 0 or 1.
 *
 * <p>A rater's weight is Youden's J = sensitivity + specificity − 1, clamped at 0: 1 for a perfect rater, about 0
 * for one who votes at random (their votes say nothing about T), and 0 for one who votes against the truth more
 * often than not. Raters who share no item with anyone keep the prior rates (weight {@link #PRIOR_J}).
 */
public final class RaterReliability {
    /** Youden's J of the smoothing prior: what a rater with no overlap gets. */
    public static final double PRIOR_J = 0.5;
    private static final int ITERATIONS = 50;
    private static final double TOLERANCE = 1e-9;

    private final Map<String, Rater> raters;
    private final Map<String, Double> posteriors;

    private RaterReliability(Map<String, Rater> raters, Map<String, Double> posteriors) {
        this.raters = raters;
        this.posteriors = posteriors;
    }

    /**
     * One rater's estimate.
     *
     * @param name the rater
     * @param votes how many votes they gave
     * @param sharedItems of those, on items someone else also judged
     * @param sensitivity P(👍 | truly good)
     * @param specificity P(👎 | truly bad)
     */
    public record Rater(String name, int votes, int sharedItems, double sensitivity, double specificity) {
        /** Youden's J = sensitivity + specificity − 1, clamped at 0: the weight of this rater's votes. */
        public double weight() {
            return Math.max(0, sensitivity + specificity - 1);
        }

        /** Why the weight is what it is, for exports and logs. */
        public String reason() {
            return String.format(Locale.ROOT, "rater %s: weight %.2f = Youden's J (sensitivity %.2f, specificity %.2f,"
                    + " %d of %d votes on shared items)", name, weight(), sensitivity, specificity, sharedItems, votes);
        }
    }

    /** Estimates every rater's rates from {@code votes}. */
    public static RaterReliability estimate(List<Vote> votes) {
        Map<String, List<Vote>> byItem = new LinkedHashMap<>();
        Map<String, List<Vote>> byRater = new LinkedHashMap<>();
        for (Vote v : votes) {
            byItem.computeIfAbsent(v.item(), k -> new ArrayList<>()).add(v);
            byRater.computeIfAbsent(v.rater(), k -> new ArrayList<>()).add(v);
        }
        Map<String, Double> t = new HashMap<>(); // P(T = 1) per item: majority vote to start
        byItem.forEach((item, vs) -> {
            double up = vs.stream().filter(Vote::positive).count();
            t.put(item, (up + 0.5) / (vs.size() + 1.0));
        });
        Map<String, double[]> rates = new HashMap<>(); // rater → {sensitivity, specificity}
        double prior = 0.5;
        for (int iter = 0; iter < ITERATIONS; iter++) {
            // M-step: rates from the current posteriors, add-one smoothed (a Beta(1, 1) prior on each rate)
            for (Map.Entry<String, List<Vote>> e : byRater.entrySet()) {
                double pos = 1;
                double posTotal = 2;
                double neg = 1;
                double negTotal = 2;
                for (Vote v : e.getValue()) {
                    double p = t.get(v.item());
                    posTotal += p;
                    negTotal += 1 - p;
                    if (v.positive()) {
                        pos += p;
                    } else {
                        neg += 1 - p;
                    }
                }
                rates.put(e.getKey(), new double[] {pos / posTotal, neg / negTotal});
            }
            prior = Math.min(0.99, Math.max(0.01, t.values().stream().mapToDouble(Double::doubleValue).average()
                    .orElse(0.5)));
            // E-step: posteriors from the rates, in log space
            double change = 0;
            for (Map.Entry<String, List<Vote>> e : byItem.entrySet()) {
                double logGood = Math.log(prior);
                double logBad = Math.log(1 - prior);
                for (Vote v : e.getValue()) {
                    double[] r = rates.get(v.rater());
                    logGood += Math.log(v.positive() ? r[0] : 1 - r[0]);
                    logBad += Math.log(v.positive() ? 1 - r[1] : r[1]);
                }
                double p = 1 / (1 + Math.exp(logBad - logGood));
                change = Math.max(change, Math.abs(p - t.get(e.getKey())));
                t.put(e.getKey(), p);
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        Map<String, Rater> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Vote>> e : byRater.entrySet()) {
            int shared = (int) e.getValue().stream().filter(v -> byItem.get(v.item()).size() > 1).count();
            double[] r = rates.get(e.getKey());
            out.put(e.getKey(), shared == 0
                    ? new Rater(e.getKey(), e.getValue().size(), 0, 0.75, 0.75)
                    : new Rater(e.getKey(), e.getValue().size(), shared, r[0], r[1]));
        }
        return new RaterReliability(out, t);
    }

    /** Every rater's estimate, in order of first vote. */
    public List<Rater> raters() {
        return List.copyOf(raters.values());
    }

    /** The estimate of {@code name}. */
    public Rater rater(String name) {
        Rater r = raters.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no votes from rater " + name);
        }
        return r;
    }

    /** P(T = 1 | all votes) of {@code item}. */
    public double posterior(String item) {
        Double p = posteriors.get(item);
        if (p == null) {
            throw new IllegalArgumentException("no votes on item " + item);
        }
        return p;
    }
}
