package org.align4j.dpo.refresh;

import java.time.Clock;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.Fixtures;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;

/** Test helpers: a feedback store whose doctor compares answer pairs, making preference pairs. */
final class FeedbackData {
    private FeedbackData() {}

    static FeedbackStore open(String url) {
        return FeedbackStore.open(url, org.align4j.feedback.Fixtures.FAST_HASHER, Clock.systemUTC());
    }

    /**
     * Enqueues the answers of {@code pairs} (produced by {@code model}) and has one doctor prefer each
     * pair's chosen answer: after a rebuild each becomes one preference pair.
     */
    static void addFeedback(FeedbackStore store, ModelVersion model, List<PreferencePair> pairs) {
        User doctor = store.users().find("dr-a").orElseGet(() -> store.users().add("dr-a", "Dr A",
                "correct horse battery".toCharArray(), Role.DOCTOR));
        for (PreferencePair p : pairs) {
            Enqueued e = store.queue().enqueue(p.plainPrompt(), List.of(p.chosen(), p.rejected()), model.id(), "{}");
            store.feedback().compare(doctor.id(), e.responseIds().get(0), e.responseIds().get(1), Choice.A, null);
        }
    }

    /** {@code n} synthetic pairs with prompts numbered from {@code from}, so that batches never collide. */
    static List<PreferencePair> pairs(int n, long seed) {
        return Fixtures.pairs(n, seed);
    }
}
