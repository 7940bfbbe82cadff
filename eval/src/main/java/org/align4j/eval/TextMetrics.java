package org.align4j.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Overlap metrics between generated answers and reference answers, over {@link TextTokens}.
 * <ul>
 *   <li>ROUGE-L (Lin 2004): F1 of the longest common subsequence, averaged over answers, in [0, 1].</li>
 *   <li>BLEU-4 (Papineni et al. 2002): corpus-level, clipped n-gram precisions for n = 1..4, geometric
 *       mean, brevity penalty; in [0, 100] as sacreBLEU reports it.</li>
 *   <li>Distinct-2 (Li et al. 2016): distinct bigrams over all bigrams of all answers, in [0, 1]. It falls when a
 *       policy gives many questions the same answer (mode collapse) and when it repeats itself within an answer,
 *       which the two overlap scores hide.</li>
 *   <li>Reference hit rate at k: the share of answers whose own reference is among the k references most like the
 *       answer (ROUGE-L), out of all the references of the set. An answer to another question finds another
 *       question's reference; chance is k / n. It tells "answers this question" from "answers in the right style",
 *       which a mean ROUGE-L against generic phrases does not.</li>
 * </ul>
 */
public final class TextMetrics {
    private TextMetrics() {}

    /** ROUGE-L F1 of one candidate against one reference. */
    public static double rougeL(String candidate, String reference) {
        return rougeL(TextTokens.of(candidate), TextTokens.of(reference));
    }

    private static double rougeL(List<String> c, List<String> r) {
        if (c.isEmpty() || r.isEmpty()) {
            return c.isEmpty() && r.isEmpty() ? 1.0 : 0.0;
        }
        int lcs = lcs(c, r);
        if (lcs == 0) {
            return 0.0;
        }
        double p = (double) lcs / c.size();
        double rec = (double) lcs / r.size();
        return 2 * p * rec / (p + rec);
    }

    /** Mean ROUGE-L F1 over aligned lists. */
    public static double meanRougeL(List<String> candidates, List<String> references) {
        check(candidates, references);
        double s = 0;
        for (int i = 0; i < candidates.size(); i++) {
            s += rougeL(candidates.get(i), references.get(i));
        }
        return candidates.isEmpty() ? Double.NaN : s / candidates.size();
    }

    /**
     * Corpus-level distinct-n: the distinct n-grams of all {@code answers} over their n-grams (each answer's own
     * n-grams; none spans two answers). NaN when no answer has n tokens.
     */
    public static double distinctN(List<String> answers, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Set<List<String>> seen = new HashSet<>();
        long total = 0;
        for (String a : answers) {
            List<String> t = TextTokens.of(a);
            for (int i = 0; i + n <= t.size(); i++) {
                seen.add(t.subList(i, i + n));
                total++;
            }
        }
        return total == 0 ? Double.NaN : (double) seen.size() / total;
    }

    /**
     * The share of {@code candidates} whose own reference ({@code references.get(i)}) ranks among the {@code k}
     * references with the highest ROUGE-L to the candidate. A reference tied with the own one does not push it
     * down (rank = the number of references scoring strictly higher). NaN for no candidates.
     */
    public static double referenceHitRate(List<String> candidates, List<String> references, int k) {
        check(candidates, references);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        List<List<String>> refs = references.stream().map(TextTokens::of).toList();
        int hits = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<String> c = TextTokens.of(candidates.get(i));
            double own = rougeL(c, refs.get(i));
            int higher = 0;
            for (int j = 0; j < refs.size() && higher < k; j++) {
                if (j != i && rougeL(c, refs.get(j)) > own) {
                    higher++;
                }
            }
            hits += higher < k ? 1 : 0;
        }
        return candidates.isEmpty() ? Double.NaN : (double) hits / candidates.size();
    }

    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** Corpus BLEU-4 in [0, 100]; 0 when some n-gram order has no match at all. */
    public static double corpusBleu(List<String> candidates, List<String> references) {
        check(candidates, references);
        long[] matches = new long[4];
        long[] totals = new long[4];
        long candLen = 0;
        long refLen = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<String> c = TextTokens.of(candidates.get(i));
            List<String> r = TextTokens.of(references.get(i));
            candLen += c.size();
            refLen += r.size();
            for (int n = 1; n <= 4; n++) {
                Map<String, Integer> refCounts = ngrams(r, n);
                for (Map.Entry<String, Integer> e : ngrams(c, n).entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                    totals[n - 1] += e.getValue();
                }
            }
        }
        double logSum = 0;
        for (int n = 0; n < 4; n++) {
            if (matches[n] == 0 || totals[n] == 0) {
                return 0.0;
            }
            logSum += Math.log((double) matches[n] / totals[n]);
        }
        double bp = candLen >= refLen ? 1.0 : Math.exp(1 - (double) refLen / Math.max(1, candLen));
        return 100 * bp * Math.exp(logSum / 4);
    }

    static Map<String, Integer> ngrams(List<String> tokens, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(String.join("\u0001", tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }

    private static void check(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " candidates but " + b.size() + " references");
        }
    }
}
