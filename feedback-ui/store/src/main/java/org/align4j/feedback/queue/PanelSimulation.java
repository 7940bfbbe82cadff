package org.align4j.feedback.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.align4j.datasets.PreferencePair;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.refresh.ModelVersion;

/**
 * A simulated panel of doctors of known quality, for measuring how training copes with noisy raters: each pair's two
 * answers are queued, and every simulated doctor gives each answer a 👍/👎 that agrees with the pair (chosen 👍,
 * rejected 👎) with that doctor's accuracy — 0.5 is a doctor who votes at random, below 0.5 one who votes against.
 * The queued question is the pair's last user turn.
 * Deterministic for a seed.
 */
public final class PanelSimulation {
    private PanelSimulation() {}

    /**
     * Queues the answers of {@code pairs} under {@code modelVersion} and records the panel's votes.
     *
     * @param accuracies doctor user name → the probability that their vote matches the pair's label
     * @return votes recorded per doctor
     */
    public static Map<String, Integer> run(FeedbackStore store, List<PreferencePair> pairs, String modelVersion,
            Map<String, Double> accuracies, char[] password, long seed) {
        accuracies.forEach((name, a) -> {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("doctor " + name + ": accuracy " + a + " is not in [0, 1]");
            }
        });
        ModelVersion v = store.models().register(modelVersion, null, null);
        Map<String, User> doctors = new LinkedHashMap<>();
        accuracies.keySet().forEach(name -> doctors.put(name, store.users().find(name)
                .orElseGet(() -> store.users().add(name, "Simulated " + name, password, Role.DOCTOR))));
        Random rnd = new Random(seed);
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (PreferencePair p : pairs) {
            List<Long> ids = new ArrayList<>(store.queue().enqueue(question(p), List.of(p.chosen(), p.rejected()),
                    v.id(), "{\"simulated\": true}").responseIds());
            for (Map.Entry<String, User> d : doctors.entrySet()) {
                double accuracy = accuracies.get(d.getKey());
                for (int k = 0; k < 2; k++) {
                    boolean truthUp = k == 0;
                    boolean up = rnd.nextDouble() < accuracy == truthUp;
                    store.feedback().rate(d.getValue().id(), ids.get(k), up ? Thumb.UP : Thumb.DOWN, null);
                    votes.merge(d.getKey(), 1, Integer::sum);
                }
            }
        }
        return votes;
    }

    /** What the doctor reads: the last user turn (a system prompt is not shown in the queue). */
    static String question(PreferencePair p) {
        for (int i = p.prompt().size() - 1; i >= 0; i--) {
            if (p.prompt().get(i).role().equals(org.align4j.datasets.ChatMessage.USER)) {
                return p.prompt().get(i).content();
            }
        }
        throw new IllegalArgumentException("pair " + p.id() + " has no user turn to queue");
    }
}
