package org.align4j.feedback.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.Json;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback as KTO examples: rater reliability, the unsafe flag and corrections in the weights and reasons. */
class UnpairedExportTest {
    private final FeedbackStore store = Fixtures.memoryStore(new Fixtures.MutableClock(Instant.parse("2025-06-01T08:00:00Z")));
    @TempDir Path dir;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRandomDoctorsVotesWeighLittleAnUnsafeThumbWeighsMoreAndACorrectionGivesTwoExamples() throws Exception {
        ModelVersion m = Fixtures.model(store, "sft-1");
        User ann = Fixtures.doctor(store, "ann");
        User bob = Fixtures.doctor(store, "bob");
        User eve = Fixtures.doctor(store, "eve");
        Random rnd = new Random(7);
        List<Long> answers = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            Enqueued e = Fixtures.enqueue(store, m, "question " + q, "good answer " + q, "bad answer " + q);
            answers.add(e.responseIds().get(0));
            answers.add(e.responseIds().get(1));
        }
        for (int i = 0; i < answers.size(); i++) {
            boolean good = i % 2 == 0;
            long a = answers.get(i);
            store.feedback().rate(ann.id(), a, good ? Thumb.UP : (i == 1 ? Thumb.UNSAFE : Thumb.DOWN), null);
            store.feedback().rate(bob.id(), a, good == (rnd.nextDouble() < 0.95) ? Thumb.UP : Thumb.DOWN, null);
            store.feedback().rate(eve.id(), a, rnd.nextBoolean() ? Thumb.UP : Thumb.DOWN, null); // at random
        }
        store.feedback().correct(bob.id(), answers.get(3), "a corrected answer", null);

        Path out = dir.resolve("unpaired.jsonl");
        ExportResult r = new FeedbackExporter(store).unpaired(null, FeedbackWeighting.defaults(), out);
        List<UnpairedExample> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            rows.add(Codecs.UNPAIRED.fromJson((com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(line)));
        }
        assertThat(r.written()).isEqualTo(rows.size());
        double annWeight = weightOf(rows, "ann", "good answer 0");
        double eveWeight = rows.stream().filter(x -> "eve".equals(x.rater())).mapToDouble(UnpairedExample::weight)
                .max().orElse(0);
        assertThat(annWeight).isGreaterThan(0.8);
        assertThat(eveWeight).isLessThan(0.35);
        // ann's unsafe 👎 on the first bad answer weighs 3 × her reliability, and says so
        UnpairedExample unsafe = rows.stream().filter(x -> "ann".equals(x.rater()) && x.completion().equals("bad answer 0"))
                .findFirst().orElseThrow();
        assertThat(unsafe.desirable()).isFalse();
        assertThat(unsafe.weight()).isCloseTo(3 * annWeight, within(1e-9));
        assertThat(unsafe.reason()).contains("rater ann: weight").contains("marked unsafe: × 3");
        // the correction: the corrected text desirable, the replaced answer undesirable, doctor and time in the reason
        assertThat(rows).filteredOn(x -> x.id() != null && x.id().startsWith("feedback-correction-"))
                .extracting(UnpairedExample::completion, UnpairedExample::desirable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a corrected answer", true),
                        org.assertj.core.groups.Tuple.tuple("bad answer 1", false));
        assertThat(rows).filteredOn(x -> x.id() != null && x.id().startsWith("feedback-correction-"))
                .allSatisfy(x -> assertThat(x.reason()).startsWith("correction by bob at 2025-06-01T08:00:00Z"));

        // without rater weights every vote weighs 1 (the unsafe one 3)
        ExportResult flat = new FeedbackExporter(store).unpaired(null, new FeedbackWeighting(false, 3, 1), dir.resolve("f.jsonl"));
        assertThat(flat.written()).isEqualTo(3 * 80 + 2);
        assertThat(Files.readString(dir.resolve("f.jsonl"))).contains("\"weight\":3.0,\"reason\":\"marked unsafe: × 3\"");
    }

    private static double weightOf(List<UnpairedExample> rows, String rater, String completion) {
        return rows.stream().filter(x -> rater.equals(x.rater()) && x.completion().equals(completion)).findFirst()
                .orElseThrow().weight();
    }
}
