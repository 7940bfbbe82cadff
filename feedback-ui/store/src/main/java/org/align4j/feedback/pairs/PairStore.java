package org.align4j.feedback.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.Tx;

/**
 * The preference_pairs table: rebuilt from ratings, comparisons and corrections by
 * {@link PairBuilder}, read by export and by training jobs.
 */
public final class PairStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT p.id, p.pair_key, p.prompt_id, q.text AS prompt, p.chosen_response_id,"
            + " p.chosen_text, p.rejected_response_id, p.rejected_text, p.source, p.margin, p.provenance_json, p.feedback_at"
            + " FROM preference_pairs p JOIN prompts q ON q.id = p.prompt_id WHERE p.retracted_at IS NULL";

    private final Sql sql;
    private final Clock clock;

    public PairStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Rebuilds the table from the current feedback in one transaction: new pairs are added (with
     * ids above every existing one), pairs whose evidence no longer holds are retracted, and the
     * vote counts of the others are refreshed; their ids do not change.
     */
    public synchronized PairSync rebuild() {
        return sql.inTransaction(tx -> {
            PairBuild build = PairBuilder.build(ratings(tx), comparisons(tx), corrections(tx));
            Map<String, Boolean> existing = new HashMap<>(); // key -> retracted
            tx.list("SELECT pair_key, retracted_at FROM preference_pairs", rs -> {
                existing.put(rs.getString(1), rs.getObject(2) != null);
                return null;
            });
            Instant now = clock.instant();
            int added = 0;
            int restored = 0;
            for (PairCandidate c : build.pairs()) {
                String prov = json(c.provenance());
                Boolean retracted = existing.remove(c.key());
                if (retracted == null) {
                    insert(tx, c, prov, now);
                    added++;
                } else {
                    tx.update("UPDATE preference_pairs SET source = ?, margin = ?, provenance_json = ?, feedback_at = ?,"
                            + " retracted_at = NULL WHERE pair_key = ?", c.source(), c.margin(), prov, c.feedbackAt(), c.key());
                    restored += retracted ? 1 : 0;
                }
            }
            int retractedNow = 0;
            for (Map.Entry<String, Boolean> gone : existing.entrySet()) {
                if (!gone.getValue()) {
                    retractedNow += tx.update("UPDATE preference_pairs SET retracted_at = ? WHERE pair_key = ?", now, gone.getKey());
                }
            }
            int active = (int) tx.number("SELECT COUNT(*) FROM preference_pairs WHERE retracted_at IS NULL");
            return new PairSync(added, retractedNow, restored, active, build.issues());
        });
    }

    /** Active pairs with {@code id > afterId}, oldest first. */
    public List<StoredPair> since(long afterId) {
        return sql.read(tx -> tx.list(SELECT + " AND p.id > ? ORDER BY p.id", PairStore::map, afterId));
    }

    /** Active pairs whose newest feedback is at or after {@code feedbackSince} (all when null), oldest first. */
    public List<StoredPair> active(Instant feedbackSince) {
        Instant since = feedbackSince == null ? Instant.EPOCH : feedbackSince;
        return sql.read(tx -> tx.list(SELECT + " AND p.feedback_at >= ? ORDER BY p.id", PairStore::map, since));
    }

    private static void insert(Tx tx, PairCandidate c, String provenance, Instant now) {
        String chosenText = c.chosenResponseId() != null
                ? "(SELECT text FROM responses WHERE id = ?)"
                : "(SELECT text FROM corrections WHERE id = ?)";
        long chosenRef = c.chosenResponseId() != null ? c.chosenResponseId() : c.correctionId();
        tx.update("INSERT INTO preference_pairs (pair_key, prompt_id, chosen_response_id, chosen_text, rejected_response_id,"
                        + " rejected_text, source, margin, provenance_json, feedback_at, built_at)"
                        + " VALUES (?, ?, ?, " + chosenText + ", ?, (SELECT text FROM responses WHERE id = ?), ?, ?, ?, ?, ?)",
                c.key(), c.promptId(), c.chosenResponseId(), chosenRef, c.rejectedResponseId(), c.rejectedResponseId(),
                c.source(), c.margin(), provenance, c.feedbackAt(), now);
    }

    private static List<RatingVote> ratings(Tx tx) {
        return tx.list("SELECT r.response_id, s.prompt_id, r.user_id, r.vote, r.created_at"
                        + " FROM ratings r JOIN responses s ON s.id = r.response_id ORDER BY r.id",
                rs -> new RatingVote(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), Tx.instant(rs, "created_at")));
    }

    private static List<ComparisonVote> comparisons(Tx tx) {
        return tx.list("SELECT c.response_a_id, c.response_b_id, s.prompt_id, c.user_id, c.choice, c.created_at"
                        + " FROM comparisons c JOIN responses s ON s.id = c.response_a_id ORDER BY c.id",
                rs -> new ComparisonVote(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        Choice.valueOf(rs.getString(5)), Tx.instant(rs, "created_at")));
    }

    private static List<CorrectionEntry> corrections(Tx tx) {
        return tx.list("SELECT c.id, c.response_id, s.prompt_id, c.user_id, c.text AS corrected, s.text AS original, c.created_at"
                        + " FROM corrections c JOIN responses s ON s.id = c.response_id ORDER BY c.id",
                rs -> new CorrectionEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString("corrected"), rs.getString("original"), Tx.instant(rs, "created_at")));
    }

    private static StoredPair map(ResultSet rs) throws SQLException {
        double m = rs.getDouble("margin");
        Double margin = rs.wasNull() ? null : m;
        return new StoredPair(rs.getLong("id"), rs.getString("pair_key"), rs.getLong("prompt_id"), rs.getString("prompt"),
                Tx.nullableLong(rs, "chosen_response_id"), rs.getString("chosen_text"), rs.getLong("rejected_response_id"),
                rs.getString("rejected_text"), rs.getString("source"), margin,
                rs.getString("provenance_json"), Tx.instant(rs, "feedback_at"));
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pair provenance as JSON: " + e.getMessage(), e);
        }
    }
}
