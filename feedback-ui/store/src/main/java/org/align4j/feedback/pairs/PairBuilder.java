package org.align4j.feedback.pairs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns doctors' feedback into preference pairs. A pure function of its inputs: same feedback,
 * same pairs, in the same order.
 *
 * <ul>
 *   <li><b>Ratings</b>: each answer's verdict is the majority of its doctors' votes (more 👍 than
 *       👎: good; more 👎: bad; as many: a {@link PairIssue.Kind#RATING_TIE}). Every good answer of
 *       a prompt is preferred over every bad answer of the same prompt; margin = the difference of
 *       their 👍 fractions.</li>
 *   <li><b>Comparisons</b>: votes on the same two answers are pooled whatever side each was shown
 *       on. The answer with more votes wins if it also has more votes than "both bad"; "both bad"
 *       with the most votes is a {@link PairIssue.Kind#BOTH_BAD}; anything else a
 *       {@link PairIssue.Kind#COMPARISON_TIE}. Margin = (winner − loser votes) / all votes.</li>
 *   <li>When ratings and comparisons agree on two answers they make one pair
 *       ({@code ratings+comparison}, mean margin); when they disagree, a
 *       {@link PairIssue.Kind#CONFLICT} and no pair.</li>
 *   <li><b>Corrections</b>: the corrected answer is preferred over the original, one pair per
 *       correction; a correction identical to the original (ignoring surrounding white space) is a
 *       {@link PairIssue.Kind#CORRECTION_UNCHANGED}.</li>
 * </ul>
 */
public final class PairBuilder {
    private PairBuilder() {}

    public static PairBuild build(List<RatingVote> ratings, List<ComparisonVote> comparisons,
                                  List<CorrectionEntry> corrections) {
        List<PairIssue> issues = new ArrayList<>();
        Map<String, List<Evidence>> byAnswers = new TreeMap<>();
        ratingEvidence(ratings, issues).forEach(e -> byAnswers.computeIfAbsent(e.unorderedKey(), k -> new ArrayList<>()).add(e));
        comparisonEvidence(comparisons, issues).forEach(e -> byAnswers.computeIfAbsent(e.unorderedKey(), k -> new ArrayList<>()).add(e));

        List<PairCandidate> pairs = new ArrayList<>();
        for (List<Evidence> evidence : byAnswers.values()) {
            merge(evidence, pairs, issues);
        }
        for (CorrectionEntry c : corrections) {
            if (c.correctedText().strip().equals(c.originalText().strip())) {
                issues.add(new PairIssue(PairIssue.Kind.CORRECTION_UNCHANGED, c.promptId(), List.of(c.responseId()),
                        "correction " + c.correctionId() + " by doctor " + c.userId() + " is the original answer unchanged"));
                continue;
            }
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("correction_id", c.correctionId());
            prov.put("doctor", c.userId());
            pairs.add(new PairCandidate("correction:" + c.correctionId(), c.promptId(), null, c.correctionId(),
                    c.responseId(), "correction", null, prov, c.at()));
        }
        pairs.sort(Comparator.comparing(PairCandidate::feedbackAt).thenComparing(PairCandidate::key));
        return new PairBuild(pairs, issues);
    }

    /** One source's claim that {@code chosen} beats {@code rejected}. */
    private record Evidence(long promptId, long chosen, long rejected, String source, double margin,
                            Map<String, Object> provenance, Instant at) {
        String unorderedKey() {
            return String.format("%019d-%019d", Math.min(chosen, rejected), Math.max(chosen, rejected));
        }
    }

    private static final class Tally {
        long promptId;
        int up;
        int down;
        final TreeSet<Long> raters = new TreeSet<>();
        Instant latest = Instant.MIN;

        double upFraction() {
            return (double) up / (up + down);
        }

        Map<String, Object> votes() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up", up);
            m.put("down", down);
            m.put("doctors", List.copyOf(raters));
            return m;
        }
    }

    private static List<Evidence> ratingEvidence(List<RatingVote> ratings, List<PairIssue> issues) {
        Map<Long, Tally> perAnswer = new TreeMap<>();
        for (RatingVote v : ratings) {
            Tally t = perAnswer.computeIfAbsent(v.responseId(), k -> new Tally());
            t.promptId = v.promptId();
            if (v.value() > 0) {
                t.up++;
            } else {
                t.down++;
            }
            t.raters.add(v.userId());
            t.latest = v.at().isAfter(t.latest) ? v.at() : t.latest;
        }
        Map<Long, List<Long>> good = new TreeMap<>();
        Map<Long, List<Long>> bad = new TreeMap<>();
        perAnswer.forEach((answer, t) -> {
            if (t.up > t.down) {
                good.computeIfAbsent(t.promptId, k -> new ArrayList<>()).add(answer);
            } else if (t.down > t.up) {
                bad.computeIfAbsent(t.promptId, k -> new ArrayList<>()).add(answer);
            } else {
                issues.add(new PairIssue(PairIssue.Kind.RATING_TIE, t.promptId, List.of(answer),
                        "answer " + answer + " has " + t.up + " thumbs up and " + t.down + " thumbs down from doctors " + t.raters));
            }
        });
        List<Evidence> out = new ArrayList<>();
        good.forEach((prompt, goods) -> {
            for (long g : goods) {
                for (long b : bad.getOrDefault(prompt, List.of())) {
                    Tally tg = perAnswer.get(g);
                    Tally tb = perAnswer.get(b);
                    Map<String, Object> prov = new LinkedHashMap<>();
                    prov.put("chosen_votes", tg.votes());
                    prov.put("rejected_votes", tb.votes());
                    Instant at = tg.latest.isAfter(tb.latest) ? tg.latest : tb.latest;
                    out.add(new Evidence(prompt, g, b, "ratings", tg.upFraction() - tb.upFraction(), prov, at));
                }
            }
        });
        return out;
    }

    private static List<Evidence> comparisonEvidence(List<ComparisonVote> comparisons, List<PairIssue> issues) {
        final class Votes {
            long promptId;
            int low;
            int high;
            int bothBad;
            final TreeSet<Long> doctors = new TreeSet<>();
            Instant latest = Instant.MIN;
        }
        Map<String, Votes> byPair = new TreeMap<>();
        Map<String, long[]> ids = new TreeMap<>();
        for (ComparisonVote v : comparisons) {
            long low = Math.min(v.responseAId(), v.responseBId());
            long high = Math.max(v.responseAId(), v.responseBId());
            String key = String.format("%019d-%019d", low, high);
            ids.put(key, new long[] {low, high});
            Votes t = byPair.computeIfAbsent(key, k -> new Votes());
            t.promptId = v.promptId();
            if (v.choice() == Choice.BOTH_BAD) {
                t.bothBad++;
            } else {
                long winner = v.choice() == Choice.A ? v.responseAId() : v.responseBId();
                if (winner == low) {
                    t.low++;
                } else {
                    t.high++;
                }
            }
            t.doctors.add(v.userId());
            t.latest = v.at().isAfter(t.latest) ? v.at() : t.latest;
        }
        List<Evidence> out = new ArrayList<>();
        byPair.forEach((key, t) -> {
            long low = ids.get(key)[0];
            long high = ids.get(key)[1];
            int win = Math.max(t.low, t.high);
            int lose = Math.min(t.low, t.high);
            String counts = t.low + " for " + low + ", " + t.high + " for " + high + ", " + t.bothBad + " both bad";
            if (win > lose && win > t.bothBad) {
                long chosen = t.low > t.high ? low : high;
                long rejected = chosen == low ? high : low;
                Map<String, Object> prov = new LinkedHashMap<>();
                prov.put("votes_for_chosen", win);
                prov.put("votes_for_rejected", lose);
                prov.put("votes_both_bad", t.bothBad);
                prov.put("doctors", List.copyOf(t.doctors));
                double margin = (double) (win - lose) / (t.low + t.high + t.bothBad);
                out.add(new Evidence(t.promptId, chosen, rejected, "comparison", margin, prov, t.latest));
            } else if (t.bothBad > win) {
                issues.add(new PairIssue(PairIssue.Kind.BOTH_BAD, t.promptId, List.of(low, high),
                        "answers " + low + " and " + high + " were judged both bad (" + counts + ")"));
            } else {
                issues.add(new PairIssue(PairIssue.Kind.COMPARISON_TIE, t.promptId, List.of(low, high),
                        "comparisons of answers " + low + " and " + high + " are tied (" + counts + ")"));
            }
        });
        return out;
    }

    private static void merge(List<Evidence> evidence, List<PairCandidate> pairs, List<PairIssue> issues) {
        Evidence first = evidence.get(0);
        for (Evidence e : evidence) {
            if (e.chosen() != first.chosen()) {
                StringBuilder detail = new StringBuilder("sources disagree on answers ")
                        .append(Math.min(first.chosen(), first.rejected())).append(" and ")
                        .append(Math.max(first.chosen(), first.rejected())).append(":");
                for (Evidence x : evidence) {
                    detail.append(' ').append(x.source()).append(" prefer ").append(x.chosen()).append(';');
                }
                issues.add(new PairIssue(PairIssue.Kind.CONFLICT, first.promptId(),
                        List.of(Math.min(first.chosen(), first.rejected()), Math.max(first.chosen(), first.rejected())),
                        detail.substring(0, detail.length() - 1)));
                return;
            }
        }
        List<String> sources = new ArrayList<>();
        Map<String, Object> prov = new LinkedHashMap<>();
        double marginSum = 0;
        Instant at = Instant.MIN;
        for (Evidence e : evidence) {
            sources.add(e.source());
            prov.put(e.source(), e.provenance());
            marginSum += e.margin();
            at = e.at().isAfter(at) ? e.at() : at;
        }
        pairs.add(new PairCandidate("responses:" + first.chosen() + ">" + first.rejected(), first.promptId(),
                first.chosen(), null, first.rejected(), String.join("+", sources), marginSum / evidence.size(), prov, at));
    }
}
