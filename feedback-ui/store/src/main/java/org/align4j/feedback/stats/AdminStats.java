package org.align4j.feedback.stats;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.Tx;
import org.align4j.feedback.refresh.RefreshRegistry;
import org.align4j.feedback.refresh.TrainingRun;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/** Computes the admin page's figures from the database. */
public record AdminStats(Sql sql, Clock clock) {
    /** The per-day chart covers the last 30 days. */
    public static final int DAYS = 30;
    private static final double CONFIDENCE = 0.95;

    public AdminSnapshot snapshot(RefreshRegistry refresh) {
        List<TrainingRun> runs = refresh.runs();
        return sql.read(tx -> new AdminSnapshot(perDay(tx), perDoctor(tx), agreement(tx), perModel(tx),
                tx.one("SELECT m.name FROM production_model p JOIN model_versions m ON m.id = p.model_version_id",
                        rs -> rs.getString(1)).orElse(null),
                runs,
                tx.number("SELECT COUNT(*) FROM preference_pairs WHERE retracted_at IS NULL")));
    }

    private List<AdminSnapshot.DayCount> perDay(Tx tx) {
        Instant from = clock.instant().minus(Duration.ofDays(DAYS));
        Map<String, long[]> days = new TreeMap<>();
        String[] tables = {"ratings", "comparisons", "corrections"};
        for (int t = 0; t < tables.length; t++) {
            int column = t;
            tx.list("SELECT CAST(created_at AS DATE) AS d, COUNT(*) FROM " + tables[t]
                    + " WHERE created_at >= ? GROUP BY CAST(created_at AS DATE)", rs -> {
                        Date d = rs.getDate(1);
                        days.computeIfAbsent(d.toLocalDate().toString(), k -> new long[3])[column] = rs.getLong(2);
                        return null;
                    }, from);
        }
        List<AdminSnapshot.DayCount> out = new ArrayList<>();
        days.forEach((d, c) -> out.add(new AdminSnapshot.DayCount(d, c[0], c[1], c[2])));
        return out;
    }

    private static List<AdminSnapshot.DoctorCount> perDoctor(Tx tx) {
        return tx.list("SELECT u.username, u.display_name,"
                        + " (SELECT COUNT(*) FROM ratings r WHERE r.user_id = u.id),"
                        + " (SELECT COUNT(*) FROM comparisons c WHERE c.user_id = u.id),"
                        + " (SELECT COUNT(*) FROM corrections c WHERE c.user_id = u.id),"
                        + " (SELECT COUNT(*) FROM skips s WHERE s.user_id = u.id)"
                        + " FROM users u ORDER BY u.username",
                rs -> new AdminSnapshot.DoctorCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)));
    }

    private static AdminSnapshot.Agreement agreement(Tx tx) {
        Map<Long, Map<String, Integer>> byAnswer = new HashMap<>();
        tx.list("SELECT r.response_id, u.username, r.vote FROM ratings r JOIN users u ON u.id = r.user_id"
                        + " WHERE r.response_id IN (SELECT response_id FROM ratings GROUP BY response_id HAVING COUNT(*) >= 2)",
                rs -> byAnswer.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3) > 0 ? 1 : 0));
        List<int[]> counts = new ArrayList<>();
        Map<String, List<int[]>> pairs = new TreeMap<>();
        for (Map<String, Integer> votes : byAnswer.values()) {
            int[] c = new int[2];
            votes.values().forEach(v -> c[v]++);
            counts.add(c);
            List<String> doctors = new ArrayList<>(votes.keySet());
            doctors.sort(null);
            for (int i = 0; i < doctors.size(); i++) {
                for (int j = i + 1; j < doctors.size(); j++) {
                    pairs.computeIfAbsent(doctors.get(i) + "\u0000" + doctors.get(j), k -> new ArrayList<>())
                            .add(new int[] {votes.get(doctors.get(i)), votes.get(doctors.get(j))});
                }
            }
        }
        List<AdminSnapshot.PairKappa> pairKappas = new ArrayList<>();
        pairs.forEach((key, items) -> {
            String[] names = key.split("\u0000");
            pairKappas.add(new AdminSnapshot.PairKappa(names[0], names[1], items.size(), Kappa.cohen(items, 2)));
        });
        return new AdminSnapshot.Agreement(Kappa.fleiss(counts), counts.size(), pairKappas);
    }

    private static List<AdminSnapshot.ModelRate> perModel(Tx tx) {
        return tx.list("SELECT m.name,"
                        + " (SELECT COUNT(*) FROM ratings r JOIN responses s ON s.id = r.response_id WHERE s.model_version_id = m.id AND r.vote = 1),"
                        + " (SELECT COUNT(*) FROM ratings r JOIN responses s ON s.id = r.response_id WHERE s.model_version_id = m.id AND r.vote = -1)"
                        + " FROM model_versions m ORDER BY m.id",
                rs -> rate(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /** A 👍 rate with its 95% Wilson score interval. */
    static AdminSnapshot.ModelRate rate(String model, long up, long down) {
        long n = up + down;
        if (n == 0) {
            return new AdminSnapshot.ModelRate(model, 0, 0, null, null, null);
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval((int) n, (int) up, CONFIDENCE);
        return new AdminSnapshot.ModelRate(model, up, down, (double) up / n, ci.getLowerBound(), ci.getUpperBound());
    }
}
