package org.align4j.feedback.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.raters.RaterReliability;
import org.align4j.datasets.raters.Vote;
import org.align4j.feedback.FeedbackStore;

/** The doctors' 👍/👎 as rater votes: one place that turns the ratings table into reliabilities and unsafe flags. */
final class FeedbackVotes {
    private FeedbackVotes() {}

    /** The item name of an answer in {@link RaterReliability}. */
    static String item(long responseId) {
        return "response-" + responseId;
    }

    /** Dawid–Skene reliabilities over every rating in the store (null when there is none). */
    static RaterReliability reliability(FeedbackStore store) {
        List<Vote> votes = store.sql().read(tx -> tx.list(
                "SELECT r.response_id, u.username, r.vote FROM ratings r JOIN users u ON u.id = r.user_id ORDER BY r.id",
                rs -> new Vote(item(rs.getLong(1)), rs.getString(2), rs.getInt(3) > 0)));
        return votes.isEmpty() ? null : RaterReliability.estimate(new ArrayList<>(votes));
    }

    /** The answers some doctor marked unsafe. */
    static Set<Long> unsafeAnswers(FeedbackStore store) {
        return new HashSet<>(store.sql().read(tx -> tx.list("SELECT DISTINCT response_id FROM ratings WHERE unsafe",
                rs -> rs.getLong(1))));
    }
}
