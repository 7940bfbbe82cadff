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
 * A simulated panel of doctors of known quality, for measuring how training copes with noisy raters. Each pair's
 * answers are queued, and a doctor gives each answer they see a 👍/👎 that agrees with the pair (chosen 👍, rejected
 * 👎) with that doctor's accuracy — 0.5 is a doctor who votes at random, below 0.5 one who votes against.
 * The queued question is the pair's last user turn. Deterministic for a seed.
 *
 * <p>Who sees what is the {@link Design}: by default every doctor rates every answer; a realistic panel shares only a
 * calibration subset of the prompts (every doctor rates those) and gives each other prompt to one doctor drawn at
 * random, so a random doctor's votes are not outvoted there; and some prompts may have a single answer (a thumb
 * that makes no pair).
 */
public final class PanelSimulation {
    private PanelSimulation() {}

    /**
     * Who rates what.
     *
     * @param shared the share of prompts every doctor rates (the calibration subset that reliabilities are estimated
     *     on); each other prompt is rated by one doctor drawn at random. 1: every doctor rates everything
     * @param single the share of prompts whose one answer only is queued (the chosen or the rejected one, at random):
     *     thumbs without a pair
     */
    public record Design(double shared, double single) {
        public Design {
            if (!(shared >= 0 && shared <= 1)) {
                throw new IllegalArgumentException("shared: " + shared + " is not a share in [0, 1]");
            }
            if (!(single >= 0 && single <= 1)) {
                throw new IllegalArgumentException("single: " + single + " is not a share in [0, 1]");
            }
        }

        /** Every doctor rates both answers of every pair. */
        public static Design everyoneRatesEverything() {
            return new Design(1, 0);
        }
    }

    /**
     * What the simulation recorded.
     *
     * @param votes votes per doctor
     * @param answers answers queued
     * @param sharedPrompts prompts that every doctor rated
     */
    public record Outcome(Map<String, Integer> votes, int answers, int sharedPrompts) {}

    /** {@link #run(FeedbackStore, List, String, Map, char[], long, Design)} with every doctor rating everything. */
    public static Outcome run(FeedbackStore store, List<PreferencePair> pairs, String modelVersion,
            Map<String, Double> accuracies, char[] password, long seed) {
        return run(store, pairs, modelVersion, accuracies, password, seed, Design.everyoneRatesEverything());
    }

    /**
     * Queues the answers of {@code pairs} under {@code modelVersion} and records the panel's votes.
     *
     * @param accuracies doctor user name → the probability that their vote matches the pair's label
     * @return the votes recorded per doctor, the answers queued and the prompts every doctor rated
     */
    public static Outcome run(FeedbackStore store, List<PreferencePair> pairs, String modelVersion,
            Map<String, Double> accuracies, char[] password, long seed, Design design) {
        accuracies.forEach((name, a) -> {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("doctor " + name + ": accuracy " + a + " is not in [0, 1]");
            }
        });
        if (accuracies.isEmpty()) {
            throw new IllegalArgumentException("the panel has no doctor");
        }
        ModelVersion v = store.models().register(modelVersion, null, null);
        Map<String, User> doctors = new LinkedHashMap<>();
        accuracies.keySet().forEach(name -> doctors.put(name, store.users().find(name)
                .orElseGet(() -> store.users().add(name, "Simulated " + name, password, Role.DOCTOR))));
        List<String> names = List.copyOf(doctors.keySet());
        Random rnd = new Random(seed);
        Random who = new Random(seed ^ 0x5DEECE66DL); // the design's draws: votes stay those of the default design
        Map<String, Integer> votes = new LinkedHashMap<>();
        int answerCount = 0;
        int sharedPrompts = 0;
        for (PreferencePair p : pairs) {
            boolean shared = design.shared() >= 1 || who.nextDouble() < design.shared();
            List<String> raters = shared ? names : List.of(names.get(who.nextInt(names.size())));
            boolean single = design.single() > 0 && who.nextDouble() < design.single();
            List<Boolean> good = single ? List.of(who.nextBoolean()) : List.of(true, false);
            List<String> answers = good.stream().map(g -> g ? p.chosen() : p.rejected()).toList();
            List<Long> ids = new ArrayList<>(store.queue().enqueue(question(p), answers, v.id(),
                    "{\"simulated\": true}").responseIds());
            answerCount += ids.size();
            sharedPrompts += shared ? 1 : 0;
            for (String name : raters) {
                double accuracy = accuracies.get(name);
                for (int k = 0; k < ids.size(); k++) {
                    boolean up = rnd.nextDouble() < accuracy == good.get(k);
                    store.feedback().rate(doctors.get(name).id(), ids.get(k), up ? Thumb.UP : Thumb.DOWN, null);
                    votes.merge(name, 1, Integer::sum);
                }
            }
        }
        return new Outcome(votes, answerCount, sharedPrompts);
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
