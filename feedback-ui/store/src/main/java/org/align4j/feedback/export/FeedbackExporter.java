package org.align4j.feedback.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.Rating;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.pairs.PairSync;
import org.align4j.feedback.pairs.StoredPair;

/**
 * Writes the feedback as JSONL in the formats the trainers read, atomically (a temporary file
 * renamed onto the target, so a failed export leaves no half-written file).
 *
 * <ul>
 *   <li>pairs: {@code {"prompt","chosen","rejected","id","source","margin"}}; the id
 *       {@code feedback-pair-<n>} is the pair's row in {@code preference_pairs}, whose
 *       {@code provenance_json} names the votes and doctors behind it.</li>
 *   <li>ratings: {@code {"prompt","response","score","scale":"thumbs","rater","id"}}, one row per
 *       doctor and answer; score 1 = 👍, 0 = 👎.</li>
 * </ul>
 */
public final class FeedbackExporter {
    private final FeedbackStore store;

    public FeedbackExporter(FeedbackStore store) {
        this.store = store;
    }

    /** Rebuilds the pairs, then writes the active ones whose newest feedback is at or after {@code since} (all when null). */
    public ExportResult pairs(Instant since, Path out) {
        PairSync sync = store.pairs().rebuild();
        List<StoredPair> pairs = store.pairs().active(since);
        List<String> skipped = new ArrayList<>();
        long written = 0;
        try (JsonlWriter w = JsonlWriter.create(out)) {
            for (StoredPair p : pairs) {
                try {
                    w.write(Codecs.PAIRS, p.toPreferencePair());
                    written++;
                } catch (InvalidRecordException e) {
                    skipped.add("pair " + p.id() + " (" + p.key() + "): " + e.getMessage());
                }
            }
            w.commit();
        }
        return new ExportResult(written, skipped, sync.issues());
    }

    /**
     * Writes the feedback given at or after {@code since} (all when null) as KTO examples
     * {@code {"prompt","completion","label","weight","reason","rater","id"}}: each 👍/👎 (an unsafe 👎 weighted up),
     * each correction as a desirable and an undesirable example, weighted as {@code weighting} says; every weight
     * says why in {@code reason}.
     */
    public ExportResult unpaired(Instant since, FeedbackWeighting weighting, Path out) {
        UnpairedExport.Result r = UnpairedExport.read(store, since, weighting);
        long written = 0;
        try (JsonlWriter w = JsonlWriter.create(out)) {
            for (var e : r.examples()) {
                w.write(Codecs.UNPAIRED, e);
                written++;
            }
            w.commit();
        }
        return new ExportResult(written, r.leftOut(), List.of());
    }

    /** Writes every doctor's 👍/👎 given at or after {@code since} (all when null), oldest first. */
    public ExportResult ratings(Instant since, Path out) {
        record Row(long id, String prompt, String response, int vote, String rater) {}
        List<Row> rows = store.sql().read(tx -> tx.list(
                "SELECT r.id, p.text, s.text, r.vote, u.username FROM ratings r JOIN responses s ON s.id = r.response_id"
                        + " JOIN prompts p ON p.id = s.prompt_id JOIN users u ON u.id = r.user_id"
                        + " WHERE r.created_at >= ? ORDER BY r.id",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)),
                since == null ? Instant.EPOCH : since));
        List<String> skipped = new ArrayList<>();
        long written = 0;
        try (JsonlWriter w = JsonlWriter.create(out)) {
            for (Row r : rows) {
                try {
                    w.write(Codecs.RATINGS, new Rating(List.of(ChatMessage.user(r.prompt())), r.response(), r.vote() > 0 ? 1 : 0,
                            Rating.Scale.THUMBS, r.rater(), "feedback-rating-" + r.id()));
                    written++;
                } catch (InvalidRecordException e) {
                    skipped.add("rating " + r.id() + ": " + e.getMessage());
                }
            }
            w.commit();
        }
        return new ExportResult(written, skipped, List.of());
    }
}
