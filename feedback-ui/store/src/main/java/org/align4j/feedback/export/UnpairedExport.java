package org.align4j.feedback.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.raters.RaterReliability;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.db.Tx;

/**
 * The doctors' feedback as KTO examples: every 👍/👎 is one example (an unsafe 👎 weighs {@code unsafeWeight}),
 * every correction two (the corrected text desirable, the answer it replaced undesirable, with the doctor and time in
 * the reason). With rater weights, each doctor's votes weigh their Dawid–Skene reliability (Youden's J) estimated on
 * all their ratings; a doctor whose votes carry no information (J = 0) contributes nothing, and that is reported.
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

    /** Reads the feedback given at or after {@code since} (all when null); reliabilities use every rating. */
    public static Result read(FeedbackStore store, Instant since, FeedbackWeighting w) {
        record Row(long id, long responseId, String prompt, String response, int vote, boolean unsafe, String rater,
                Instant at) {}
        List<Row> all = store.sql().read(tx -> tx.list(
                "SELECT r.id, r.response_id, p.text, s.text, r.vote, r.unsafe, u.username, r.created_at FROM ratings r"
                        + " JOIN responses s ON s.id = r.response_id JOIN prompts p ON p.id = s.prompt_id"
                        + " JOIN users u ON u.id = r.user_id ORDER BY r.id",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getBoolean(6), rs.getString(7), Tx.instant(rs, "created_at"))));
        RaterReliability reliability = w.raterWeights() ? FeedbackVotes.reliability(store) : null;
        List<UnpairedExample> out = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Instant from = since == null ? Instant.EPOCH : since;
        for (Row r : all) {
            if (r.at().isBefore(from)) {
                continue;
            }
            double weight = 1;
            List<String> why = new ArrayList<>();
            if (reliability != null) {
                RaterReliability.Rater rater = reliability.rater(r.rater());
                weight = rater.weight();
                why.add(rater.reason());
            }
            if (r.unsafe()) {
                weight *= w.unsafeWeight();
                why.add("marked unsafe: " + w.unsafeFactor());
            }
            if (weight <= 0) {
                leftOut.add("rating " + r.id() + " by " + r.rater() + ": weight 0 (" + String.join("; ", why) + ")");
                continue;
            }
            try {
                out.add(new UnpairedExample(List.of(ChatMessage.user(r.prompt())), r.response(), r.vote() > 0, weight,
                        why.isEmpty() ? null : String.join("; ", why), r.rater(), "feedback-rating-" + r.id()));
            } catch (InvalidRecordException e) {
                leftOut.add("rating " + r.id() + ": " + e.getMessage());
            }
        }
        record Correction(long id, String prompt, String original, String corrected, String doctor, Instant at) {}
        List<Correction> corrections = store.sql().read(tx -> tx.list(
                "SELECT c.id, p.text, s.text, c.text, u.username, c.created_at FROM corrections c"
                        + " JOIN responses s ON s.id = c.response_id JOIN prompts p ON p.id = s.prompt_id"
                        + " JOIN users u ON u.id = c.user_id WHERE c.created_at >= ? ORDER BY c.id",
                rs -> new Correction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Tx.instant(rs, "created_at")), from));
        for (Correction c : corrections) {
            String why = "correction by " + c.doctor() + " at " + c.at();
            try {
                List<ChatMessage> prompt = List.of(ChatMessage.user(c.prompt()));
                out.add(new UnpairedExample(prompt, c.corrected(), true, w.correctionWeight(), why, c.doctor(),
                        "feedback-correction-" + c.id() + "#corrected"));
                out.add(new UnpairedExample(prompt, c.original(), false, w.correctionWeight(), why, c.doctor(),
                        "feedback-correction-" + c.id() + "#original"));
            } catch (InvalidRecordException e) {
                leftOut.add("correction " + c.id() + ": " + e.getMessage());
            }
        }
        return new Result(out, leftOut, reliability == null ? List.of() : reliability.raters());
    }
}
