package org.align4j.dpo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.split.Split;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.config.DpoDataConfig;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairSourcesTest {
    @TempDir Path tmp;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void filesAndTheFeedbackDatabaseAreReadTogetherAndSplitByPrompt() {
        Path file = Fixtures.writePairs(tmp.resolve("pairs.jsonl"), Fixtures.pairs(20, 1));
        String db = tmp.resolve("feedback").toString();
        try (FeedbackStore store = FeedbackStore.open(db, org.align4j.feedback.Fixtures.FAST_HASHER, Clock.systemUTC())) {
            ModelVersion m = store.models().register("sft", "/models/sft", null);
            User doctor = store.users().add("dr-a", "Dr A", "correct horse battery".toCharArray(), Role.DOCTOR);
            Enqueued e = store.queue().enqueue("my son has a fever. what now?", List.of("see a doctor", "ignore it"),
                    m.id(), "{}");
            store.feedback().compare(doctor.id(), e.responseIds().get(0), e.responseIds().get(1), Choice.A, null);
        }
        DpoDataConfig cfg = new DpoDataConfig(List.of(file.toString()), db, List.of(), 0.25, null, 128, false, Map.of());
        Split<PreferencePair> s = PairSources.load(cfg, 42, out);
        assertThat(s.train().size() + s.validation().size()).isEqualTo(21);
        assertThat(s.validation()).hasSize(5);
        assertThat(s.overlap(PairSources::promptKey)).isEmpty();
        PreferencePair fromDb = java.util.stream.Stream.concat(s.train().stream(), s.validation().stream())
                .filter(p -> "see a doctor".equals(p.chosen())).findFirst().orElseThrow();
        assertThat(fromDb.rejected()).isEqualTo("ignore it");
        assertThat(fromDb.id()).isNotBlank();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 active preference pairs");
    }

    @Test
    void anInvalidRowStopsTheRunNamingTheFileAndLineUnlessSkipped() throws Exception {
        Path file = tmp.resolve("bad.jsonl");
        Files.write(file, List.of("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}",
                "{\"prompt\": \"a\", \"chosen\": \"same\", \"rejected\": \"same\"}"));
        assertThatThrownBy(() -> PairSources.files(List.of(file.toString()), false, out))
                .hasMessageContaining("bad.jsonl").hasMessageContaining(":2");
        assertThat(PairSources.files(List.of(file.toString()), true, out)).hasSize(1);
    }
}
