package org.align4j.feedback.stats;

import java.util.List;

/**
 * Chance-corrected agreement between raters.
 *
 * <ul>
 *   <li>Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters"), in
 *       the form that allows a different number of raters per item: per item
 *       {@code P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1))}, {@code P̄} their mean,
 *       {@code p_j = Σ_i n_ij / Σ_i n_i}, {@code P_e = Σ_j p_j²},
 *       {@code κ = (P̄ − P_e) / (1 − P_e)}. Items with fewer than two raters are left out.</li>
 *   <li>Cohen's kappa (Cohen 1960) for two raters on the items both rated:
 *       {@code κ = (p_o − p_e) / (1 − p_e)}.</li>
 * </ul>
 *
 * Both are undefined (null) when there is nothing to compare or when chance agreement is already
 * perfect ({@code P_e = 1}, e.g. every vote is 👍).
 */
public final class Kappa {
    private Kappa() {}

    /**
     * Fleiss' kappa.
     *
     * @param counts one row per item: how many raters put it in each category
     */
    public static Double fleiss(List<int[]> counts) {
        if (counts.isEmpty()) {
            return null;
        }
        int k = counts.get(0).length;
        double[] categoryTotals = new double[k];
        double total = 0;
        double sumP = 0;
        int items = 0;
        for (int[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("every item needs " + k + " category counts, got " + row.length);
            }
            int n = 0;
            double squares = 0;
            for (int c : row) {
                if (c < 0) {
                    throw new IllegalArgumentException("category count is " + c + ": must be >= 0");
                }
                n += c;
                squares += (double) c * c;
            }
            if (n < 2) {
                continue;
            }
            sumP += (squares - n) / ((double) n * (n - 1));
            for (int j = 0; j < k; j++) {
                categoryTotals[j] += row[j];
            }
            total += n;
            items++;
        }
        if (items == 0) {
            return null;
        }
        double pBar = sumP / items;
        double pe = 0;
        for (double t : categoryTotals) {
            pe += (t / total) * (t / total);
        }
        return pe >= 1.0 ? null : (pBar - pe) / (1 - pe);
    }

    /**
     * Cohen's kappa.
     *
     * @param pairs one {category of rater 1, category of rater 2} per item both rated; categories 0..k-1
     */
    public static Double cohen(List<int[]> pairs, int categories) {
        if (pairs.isEmpty()) {
            return null;
        }
        double[] a = new double[categories];
        double[] b = new double[categories];
        int agree = 0;
        for (int[] p : pairs) {
            a[p[0]]++;
            b[p[1]]++;
            agree += p[0] == p[1] ? 1 : 0;
        }
        double n = pairs.size();
        double po = agree / n;
        double pe = 0;
        for (int j = 0; j < categories; j++) {
            pe += (a[j] / n) * (b[j] / n);
        }
        return pe >= 1.0 ? null : (po - pe) / (1 - pe);
    }
}
