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
import org.align4j.feedback.queue.Thumb;
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
        User doctor = doctor(store, "dr-a");
        for (PreferencePair p : pairs) {
            Enqueued e = store.queue().enqueue(p.plainPrompt(), List.of(p.chosen(), p.rejected()), model.id(), "{}");
            store.feedback().compare(doctor.id(), e.responseIds().get(0), e.responseIds().get(1), Choice.A, null);
        }
    }

    /**
     * {@code prompts} prompts, each with {@code answers} answers that two doctors rate: 👍 on the first, 👎 on the
     * others, so each prompt makes {@code answers - 1} pairs sharing the chosen answer, and thumbs for KTO.
     */
    static void addThumbs(FeedbackStore store, ModelVersion model, int prompts, int answers) {
        List<User> doctors = List.of(doctor(store, "dr-a"), doctor(store, "dr-b"));
        for (int i = 0; i < prompts; i++) {
            List<String> texts = new java.util.ArrayList<>();
            for (int a = 0; a < answers; a++) {
                texts.add("answer " + a + " to question " + i);
            }
            Enqueued e = store.queue().enqueue("question " + i + ": what should I do?", texts, model.id(), "{}");
            for (User u : doctors) {
                for (int a = 0; a < answers; a++) {
                    store.feedback().rate(u.id(), e.responseIds().get(a), a == 0 ? Thumb.UP : Thumb.DOWN, null);
                }
            }
        }
    }

    private static User doctor(FeedbackStore store, String name) {
        return store.users().find(name).orElseGet(() -> store.users().add(name, "Dr " + name,
                "correct horse battery".toCharArray(), Role.DOCTOR));
    }

    /** {@code n} synthetic pairs with prompts numbered from {@code from}, so that batches never collide. */
    static List<PreferencePair> pairs(int n, long seed) {
        return Fixtures.pairs(n, seed);
    }
}
