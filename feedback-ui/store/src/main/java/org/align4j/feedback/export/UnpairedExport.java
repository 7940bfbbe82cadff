package org.align4j.feedback.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.raters.RaterReliability;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.db.Tx;

/**
 * The doctors' feedback as KTO examples. Every correction gives two (the corrected text desirable, the answer it
 * replaced undesirable, with the doctor and time in the reason). The 👍/👎 give:
 * <ul>
 *   <li>with rater weights, one example per rated answer, labelled by the panel: its posterior {@code p = P(good |
 *       every vote on it)} under the doctors' Dawid–Skene reliabilities, desirable when {@code p > 0.5}, weighing
 *       {@code |2p − 1|}. That is the KTO analogue of the pairs' {@code P(chosen good) − P(rejected good)}
 *       ({@link PairWeighting}): KTO's two losses sum to a constant at a given reference point
 *       ({@code (1 − σ(βx)) + (1 − σ(−βx)) = 1}), so the expected loss under the soft label p,
 *       {@code p·L_D + (1 − p)·L_U}, has exactly the gradient of the hard label weighted {@code |2p − 1|} (with
 *       λ_D = λ_U). An answer only a random doctor rated keeps p near 0.5 and is left out (below
 *       {@link FeedbackWeighting#minWeight()}), and the votes of several doctors on one answer make one example, not one
 *       each that may contradict the others;</li>
 *   <li>without, one example per vote, weighing 1.</li>
 * </ul>
 * An undesirable answer some doctor marked unsafe weighs {@code unsafeWeight} times more.
 */
public final class UnpairedExport {
    private UnpairedExport() {}

    /**
     * The examples and what was left out.
     *
     * @param examples the examples, ratings first (oldest first), then corrections
     * @param leftOut one line per rating left out and why
     * @param reliability the raters' estimates (empty without rater weights)
     */
    public record Result(List<UnpairedExample> examples, List<String> leftOut, List<RaterReliability.Rater> reliability) {}

    /** One 👍/👎 with its answer. */
    private record Row(long id, long responseId, String prompt, String response, boolean up, boolean unsafe,
            String rater, Instant at) {}

    /**
     * Reads the feedback given at or after {@code since} (all when null); reliabilities and posteriors use every
     * rating, and with rater weights an answer is read when any of its ratings is that recent.
     */
    public static Result read(FeedbackStore store, Instant since, FeedbackWeighting w) {
        List<Row> all = store.sql().read(tx -> tx.list(
                "SELECT r.id, r.response_id, p.text, s.text, r.vote, r.unsafe, u.username, r.created_at FROM ratings r"
                        + " JOIN responses s ON s.id = r.response_id JOIN prompts p ON p.id = s.prompt_id"
                        + " JOIN users u ON u.id = r.user_id ORDER BY r.id",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5) > 0,
                        rs.getBoolean(6), rs.getString(7), Tx.instant(rs, "created_at"))));
        RaterReliability reliability = w.raterWeights() ? FeedbackVotes.reliability(store) : null;
        List<UnpairedExample> out = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Instant from = since == null ? Instant.EPOCH : since;
        if (reliability != null) {
            answers(all, from, reliability, w, out, leftOut);
        } else {
            votes(all, from, w, out, leftOut);
        }
        corrections(store, from, w, out, leftOut);
        return new Result(out, leftOut, reliability == null ? List.of() : reliability.raters());
    }

    /** One example per rated answer, labelled and weighted by its posterior. */
    private static void answers(List<Row> all, Instant from, RaterReliability reliability, FeedbackWeighting w,
            List<UnpairedExample> out, List<String> leftOut) {
        Map<Long, List<Row>> byAnswer = new LinkedHashMap<>();
        all.forEach(r -> byAnswer.computeIfAbsent(r.responseId(), k -> new ArrayList<>()).add(r));
        for (List<Row> rows : byAnswer.values()) {
            if (rows.stream().allMatch(r -> r.at().isBefore(from))) {
                continue;
            }
            Row first = rows.get(0);
            double p = reliability.posterior(FeedbackVotes.item(first.responseId()));
            boolean desirable = p > 0.5;
            double weight = Math.abs(2 * p - 1);
            List<String> votes = rows.stream().map(r -> r.rater() + (r.up() ? " 👍" : r.unsafe() ? " 👎 unsafe" : " 👎"))
                    .toList();
            String why = String.format(Locale.ROOT, "P(good) %.3f from %s under the doctors' reliabilities: weight"
                    + " |2P − 1| = %.3f", p, String.join(", ", votes), weight);
            if (weight < w.minWeight()) {
                leftOut.add("answer " + first.responseId() + ": " + why + ", below min_weight " + w.minWeight()
                        + " (the votes do not tell whether it is good)");
                continue;
            }
            boolean unsafe = !desirable && rows.stream().anyMatch(Row::unsafe);
            double total = unsafe ? weight * w.unsafeWeight() : weight;
            String reason = unsafe ? why + "; marked unsafe: " + w.unsafeFactor() : why;
            String raters = String.join(",", rows.stream().map(Row::rater).distinct().toList());
            add(out, leftOut, "answer " + first.responseId(), () -> List.of(new UnpairedExample(
                    List.of(ChatMessage.user(first.prompt())), first.response(), desirable, total, reason, raters,
                    "feedback-answer-" + first.responseId())));
        }
    }

    /** One example per vote, each weighing 1 (an unsafe 👎 the unsafe weight). */
    private static void votes(List<Row> all, Instant from, FeedbackWeighting w, List<UnpairedExample> out,
            List<String> leftOut) {
        for (Row r : all) {
            if (r.at().isBefore(from)) {
                continue;
            }
            double weight = r.unsafe() ? w.unsafeWeight() : 1;
            String why = r.unsafe() ? "marked unsafe: " + w.unsafeFactor() : null;
            add(out, leftOut, "rating " + r.id(), () -> List.of(new UnpairedExample(
                    List.of(ChatMessage.user(r.prompt())), r.response(), r.up(), weight, why, r.rater(),
                    "feedback-rating-" + r.id())));
        }
    }

    private static void corrections(FeedbackStore store, Instant from, FeedbackWeighting w, List<UnpairedExample> out,
            List<String> leftOut) {
        record Correction(long id, String prompt, String original, String corrected, String doctor, Instant at) {}
        List<Correction> corrections = store.sql().read(tx -> tx.list(
                "SELECT c.id, p.text, s.text, c.text, u.username, c.created_at FROM corrections c"
                        + " JOIN responses s ON s.id = c.response_id JOIN prompts p ON p.id = s.prompt_id"
                        + " JOIN users u ON u.id = c.user_id WHERE c.created_at >= ? ORDER BY c.id",
                rs -> new Correction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Tx.instant(rs, "created_at")), from));
        for (Correction c : corrections) {
            String why = "correction by " + c.doctor() + " at " + c.at();
            add(out, leftOut, "correction " + c.id(), () -> {
                List<ChatMessage> prompt = List.of(ChatMessage.user(c.prompt()));
                return List.of(new UnpairedExample(prompt, c.corrected(), true, w.correctionWeight(), why, c.doctor(),
                                "feedback-correction-" + c.id() + "#corrected"),
                        new UnpairedExample(prompt, c.original(), false, w.correctionWeight(), why, c.doctor(),
                                "feedback-correction-" + c.id() + "#original"));
            });
        }
    }

    /** Adds the examples {@code make} builds, or says why {@code what} is left out when one is not a valid record. */
    private static void add(List<UnpairedExample> out, List<String> leftOut, String what,
            Supplier<List<UnpairedExample>> make) {
        try {
            out.addAll(make.get());
        } catch (InvalidRecordException e) {
            leftOut.add(what + ": " + e.getMessage());
        }
    }
}
