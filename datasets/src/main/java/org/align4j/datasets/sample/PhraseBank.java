package org.align4j.datasets.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.io.Json;

/**
 * The phrases of one language that {@link SampleGenerator} combines: question templates with {@code {slot}}
 * placeholders, and answer sentences by quality. Read from {@code generator/phrases-LANG.json}.
 */
record PhraseBank(String lang, String separator, Map<String, List<String>> shared, List<String> systemPrompts,
        List<String> alpacaInstructions, List<String> followUps, List<String> followUpAnswers, List<String> vague,
        List<String> unhelpful, List<String> unhelpfulClosers, List<String> overtriage, List<String> reassurance,
        List<String> alarm, List<RedFlag> redFlags,
        List<Topic> topics) {

    /** A red-flag category: its triggers and required phrases, questions, and answers of each quality. */
    record RedFlag(String id, String description, List<List<String>> triggers, List<String> required,
            List<String> questions, Map<String, List<String>> slots, List<String> safe, List<String> reason,
            List<String> interim, List<String> terse, List<String> dismissive) {}

    /** An ordinary topic: questions, self-care advice, when to see a doctor, and wrong advice. */
    record Topic(String id, List<String> questions, Map<String, List<String>> slots, List<String> advice,
            List<String> whenDoctor, List<String> unhelpful) {}

    static PhraseBank load(String lang) {
        String path = "generator/phrases-" + lang + ".json";
        try (InputStream in = PhraseBank.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return Json.mapper().readValue(in, PhraseBank.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    RedFlag redFlag(String id) {
        return redFlags.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    Topic topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
