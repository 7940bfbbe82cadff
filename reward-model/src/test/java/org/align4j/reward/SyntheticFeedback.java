package org.align4j.reward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;

/**
 * Small synthetic medical feedback for tests: the preferred answer advises care, the other dismisses the
 * question, in sentences of the same shape and length (an untrained model ranks them at chance); held-out
 * sets use another seed, so their prompts and answer combinations are new.
 */
public final class SyntheticFeedback {
    static final List<String> WHO = List.of("my son", "my mother", "my wife", "i", "my father", "my daughter");
    static final List<String> SYMPTOM = List.of("a fever", "a headache", "chest pain", "a cough", "back pain",
            "a rash", "stomach ache", "dizziness");
    static final List<String> WHEN = List.of("since yesterday", "for three days", "since this morning", "for a week");
    static final List<String> OPENER = List.of("i think you should", "it is best to", "we suggest you",
            "honestly you should");
    /** Caring and dismissive advice, three words each, so that length tells nothing. */
    static final List<String> GOOD = List.of("see a doctor", "call a nurse", "visit the clinic", "get medical help",
            "ask a pharmacist");
    static final List<String> BAD = List.of("just ignore it", "do nothing now", "stop asking us", "forget about it",
            "wait for months");
    static final List<String> CLOSER = List.of("today.", "this week.", "right away.", "soon.");

    private SyntheticFeedback() {}

    static String prompt(Random r) {
        return WHO.get(r.nextInt(WHO.size())) + " has had " + SYMPTOM.get(r.nextInt(SYMPTOM.size())) + " "
                + WHEN.get(r.nextInt(WHEN.size())) + ". what should we do?";
    }

    static String answer(Random r, List<String> advice) {
        return OPENER.get(r.nextInt(OPENER.size())) + " " + advice.get(r.nextInt(advice.size())) + " "
                + CLOSER.get(r.nextInt(CLOSER.size()));
    }

    public static List<PreferencePair> pairs(int n, long seed) {
        Random r = new Random(seed);
        List<PreferencePair> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (out.size() < n) {
            String p = prompt(r);
            String c = answer(r, GOOD);
            String j = answer(r, BAD);
            if (seen.add(p + c + j)) {
                out.add(PreferencePair.of(p, c, j).with("p" + seed + "-" + out.size(), null, 1.0 + r.nextInt(3)));
            }
        }
        return out;
    }

    /** Thumbs ratings, half up (caring answers) and half down. */
    public static List<Rating> ratings(int n, long seed) {
        Random r = new Random(seed);
        List<Rating> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (out.size() < n) {
            boolean up = r.nextBoolean();
            String p = prompt(r);
            String a = answer(r, up ? GOOD : BAD);
            if (seen.add(p + a)) {
                out.add(Rating.thumbs(p, a, up).with(null, "r" + seed + "-" + out.size()));
            }
        }
        return out;
    }

    public static Path writePairs(Path file, List<PreferencePair> pairs) {
        JsonlWriter.writeAll(file, Codecs.PAIRS, pairs);
        return file;
    }

    public static Path writeRatings(Path file, List<Rating> ratings) {
        JsonlWriter.writeAll(file, Codecs.RATINGS, ratings);
        return file;
    }
}
