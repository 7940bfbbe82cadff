package org.align4j.feedback.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.Json;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.StoreFixture;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback as KTO examples: the panel's posterior per answer, the unsafe flag and corrections in the weights and reasons. */
class UnpairedExportTest {
    @AutoClose
    private final StoreFixture f = new StoreFixture();
    @TempDir Path dir;

    @Test
    void eachAnswerIsOneExampleLabelledByThePanelsPosteriorAndWeighedByItsCertainty() throws Exception {
        User eve = Fixtures.doctor(f.store, "eve");
        Random rnd = new Random(7);
        List<Long> answers = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            Enqueued e = Fixtures.enqueue(f.store, f.model, "question " + q, "good answer " + q, "bad answer " + q);
            answers.add(e.responseIds().get(0));
            answers.add(e.responseIds().get(1));
        }
        for (int i = 0; i < answers.size(); i++) {
            boolean good = i % 2 == 0;
            long a = answers.get(i);
            f.store.feedback().rate(f.ann.id(), a, good ? Thumb.UP : (i == 1 ? Thumb.UNSAFE : Thumb.DOWN), null);
            f.store.feedback().rate(f.bob.id(), a, good == (rnd.nextDouble() < 0.95) ? Thumb.UP : Thumb.DOWN, null);
            f.store.feedback().rate(eve.id(), a, rnd.nextBoolean() ? Thumb.UP : Thumb.DOWN, null); // at random
        }
        // answers only the random doctor rated: her 👍 or 👎 says nothing about them
        for (int q = 0; q < 6; q++) {
            Enqueued e = Fixtures.enqueue(f.store, f.model, "eve's question " + q, "eve's answer " + q);
            f.store.feedback().rate(eve.id(), e.responseIds().get(0), q % 2 == 0 ? Thumb.UP : Thumb.DOWN, null);
        }
        f.store.feedback().correct(f.bob.id(), answers.get(3), "a corrected answer", null);

        Path out = dir.resolve("unpaired.jsonl");
        ExportResult r = new FeedbackExporter(f.store).unpaired(null, FeedbackWeighting.defaults(), out);
        List<UnpairedExample> rows = read(out);
        assertThat(r.written()).isEqualTo(rows.size());
        // one example per answer (not one per vote); where the two reliable doctors agree it is labelled as they
        // voted and weighs about 1, where they disagree (bob's few slips) it is light or left out
        List<UnpairedExample> rated = rows.stream().filter(x -> x.id().startsWith("feedback-answer-")).toList();
        List<String> disputed = r.skipped().stream().filter(l -> l.contains("from ann ")).toList();
        assertThat(rated.size() + disputed.size()).isEqualTo(80);
        assertThat(rated).allSatisfy(x -> {
            boolean agree = x.reason().contains("ann 👍") == x.reason().contains("bob 👍");
            assertThat(x.weight() > 0.9 && x.desirable() == x.completion().startsWith("good") || !agree
                    && x.weight() < 0.5 * (x.reason().contains("unsafe") ? 3 : 1)).as(x.reason()).isTrue();
        });
        assertThat(rated).filteredOn(x -> x.weight() > 0.9).hasSizeGreaterThan(70);
        UnpairedExample good0 = rated.stream().filter(x -> x.completion().equals("good answer 0")).findFirst()
                .orElseThrow();
        assertThat(good0.rater()).isEqualTo("ann,bob,eve");
        assertThat(good0.reason()).startsWith("P(good) 0.9").contains("from ann 👍, bob 👍, eve ").contains("|2P − 1|");
        // the random doctor's lone votes are left out, and the export says why
        assertThat(rows).noneMatch(x -> x.completion().startsWith("eve's answer"));
        assertThat(r.skipped()).filteredOn(l -> l.contains("from eve ")).hasSize(6);
        assertThat(r.skipped()).allSatisfy(l -> assertThat(l).contains("the votes do not tell"));
        // ann's unsafe 👎 on the first bad answer: 3 × its certainty, and says so
        UnpairedExample unsafe = rated.stream().filter(x -> x.completion().equals("bad answer 0")).findFirst()
                .orElseThrow();
        assertThat(unsafe.desirable()).isFalse();
        assertThat(unsafe.weight()).isGreaterThan(2.7).isLessThanOrEqualTo(3.0);
        assertThat(unsafe.reason()).contains("ann 👎 unsafe").endsWith("marked unsafe: × 3");
        // the correction: the corrected text desirable, the replaced answer undesirable, doctor and time in the reason
        assertThat(rows).filteredOn(x -> x.id().startsWith("feedback-correction-"))
                .extracting(UnpairedExample::completion, UnpairedExample::desirable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a corrected answer", true),
                        org.assertj.core.groups.Tuple.tuple("bad answer 1", false));
        assertThat(rows).filteredOn(x -> x.id().startsWith("feedback-correction-"))
                .allSatisfy(x -> assertThat(x.reason()).startsWith("correction by bob at 2025-06-01T08:00:00Z"));

        // without rater weights every vote is an example weighing 1 (the unsafe one 3)
        ExportResult flat = new FeedbackExporter(f.store).unpaired(null, new FeedbackWeighting(false, 3, 1), dir.resolve("f.jsonl"));
        assertThat(flat.written()).isEqualTo(3 * 80 + 6 + 2);
        assertThat(Files.readString(dir.resolve("f.jsonl"))).contains("\"weight\":3.0,\"reason\":\"marked unsafe: × 3\"");
    }

    @Test
    void minWeightOutsideZeroToOneIsRefusedNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedbackWeighting(true, 3, 1, 1.0))
                .hasMessageContaining("min_weight: must be in [0, 1)").hasMessageContaining("got 1.0");
        assertThat(FeedbackWeighting.defaults().minWeight()).isEqualTo(FeedbackWeighting.DEFAULT_MIN_WEIGHT);
    }

    private static List<UnpairedExample> read(Path file) throws Exception {
        List<UnpairedExample> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(Codecs.UNPAIRED.fromJson((com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(line)));
        }
        return rows;
    }
}
