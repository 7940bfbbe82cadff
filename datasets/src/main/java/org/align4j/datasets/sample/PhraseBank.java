package org.align4j.datasets.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.io.Json;

/**
 * The phrases of one language that {@link SampleGenerator} combines: question templates with {@code {slot}}
 * placeholders, and answer sentences by quality, plus surface variation (openings, zh/en mixes as
 * {@code [from, to]} replacements). {@code delayed} answers send a red flag to a routine appointment and
 * {@code wrongDose} answers give a wrong dose; both mention a doctor, so they are hard negatives. Read from
 * {@code generator/phrases-LANG.json}.
 */
record PhraseBank(String lang, String separator, Map<String, List<String>> shared, List<String> systemPrompts,
        List<String> alpacaInstructions, List<String> followUps, List<String> followUpAnswers, List<String> vague,
        List<String> unhelpful, List<String> unhelpfulClosers, List<String> overtriage, List<String> reassurance,
        List<String> alarm, List<String> delayed, List<String> wrongDose, List<String> openings,
        List<List<String>> mixes, List<RedFlag> redFlags, List<Topic> topics) {

    /**
     * A red-flag category: question templates (each one paraphrase family; {@code heldOutQuestions} only ever
     * appear in held-out files) and answers of each quality. Its triggers and required phrases live in the
     * hand-written {@code safety-rules.json}, not here.
     */
    record RedFlag(String id, List<String> questions, List<String> heldOutQuestions, Map<String, List<String>> slots,
            List<String> safe, List<String> reason, List<String> interim, List<String> terse,
            List<String> dismissive) {}

    /** An ordinary topic: question families as for {@link RedFlag}, self-care advice, when to see a doctor, wrong advice. */
    record Topic(String id, List<String> questions, List<String> heldOutQuestions, Map<String, List<String>> slots,
            List<String> advice, List<String> whenDoctor, List<String> unhelpful) {}

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
