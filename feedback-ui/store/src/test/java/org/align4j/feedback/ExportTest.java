package org.align4j.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.feedback.export.ExportResult;
import org.align4j.feedback.export.FeedbackExporter;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.pairs.PairIssue;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
    @TempDir Path dir;
    @AutoClose
    private final StoreFixture f = new StoreFixture();

    /** Reads a file back with the datasets module's reader and codec, as a trainer would. */
    private static <T> List<T> read(Path file, org.align4j.datasets.io.RecordCodec<T> codec) {
        List<T> out = new java.util.ArrayList<>();
        try (JsonRowReader r = JsonRowReader.open(file)) {
            while (r.hasNext()) {
                org.align4j.datasets.io.JsonRow row = r.next();
                assertThat(row.isReadable()).as(row.file() + ":" + row.line()).isTrue();
                out.add(codec.fromJson(row.json()));
            }
        }
        return out;
    }

    @Test
    void pairsAreWrittenInTheFormatTheTrainersReadWithTheirProvenanceId() throws Exception {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "头痛三天怎么办？", "建议就医检查。", "忍着。", "多喝热水。");
        long good = e.responseIds().get(0);
        long bad = e.responseIds().get(1);
        long third = e.responseIds().get(2);
        Fixtures.prefer(f.store, f.ann, good, bad);
        f.store.feedback().rate(f.ann.id(), third, Thumb.UP, null);
        f.store.feedback().rate(f.bob.id(), third, Thumb.DOWN, null);
        f.store.feedback().compare(f.bob.id(), bad, good, Choice.B, null);
        f.store.feedback().correct(f.bob.id(), bad, "持续头痛三天应就医。", null);

        Path out = dir.resolve("pairs.jsonl");
        ExportResult r = new FeedbackExporter(f.store).pairs(null, out);
        assertThat(r.written()).isEqualTo(2);
        assertThat(r.skipped()).isEmpty();
        assertThat(r.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.RATING_TIE);

        List<PreferencePair> pairs = read(out, Codecs.PAIRS);
        assertThat(pairs).extracting(PreferencePair::plainPrompt).containsOnly("头痛三天怎么办？");
        assertThat(pairs).extracting(PreferencePair::chosen, PreferencePair::rejected, PreferencePair::source)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("建议就医检查。", "忍着。", "ratings+comparison"),
                        org.assertj.core.groups.Tuple.tuple("持续头痛三天应就医。", "忍着。", "correction"));
        assertThat(pairs).allSatisfy(p -> assertThat(p.id()).startsWith("feedback-pair-"));
        assertThat(Files.readString(out)).contains("\"prompt\":\"头痛三天怎么办？\"");
    }

    @Test
    void pairsOfIdenticalAnswersAreSkippedAndReported() {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "q", "same", "same");
        Fixtures.preferFirst(f.store, f.ann, e);
        ExportResult r = new FeedbackExporter(f.store).pairs(null, dir.resolve("p.jsonl"));
        assertThat(r.written()).isZero();
        assertThat(r.skipped()).singleElement().asString().contains("are the same text");
    }

    @Test
    void ratingsAreWrittenPerDoctorAndCanBeLimitedToASinceTime() {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "q", "a", "b");
        f.store.feedback().rate(f.ann.id(), e.responseIds().get(0), Thumb.UP, null);
        f.clock.advance(Duration.ofDays(1));
        Instant since = f.clock.instant();
        f.store.feedback().rate(f.bob.id(), e.responseIds().get(0), Thumb.DOWN, null);
        f.store.feedback().rate(f.bob.id(), e.responseIds().get(1), Thumb.UP, null);

        Path all = dir.resolve("all.jsonl");
        assertThat(new FeedbackExporter(f.store).ratings(null, all).written()).isEqualTo(3);
        Path recent = dir.resolve("recent.jsonl");
        assertThat(new FeedbackExporter(f.store).ratings(since, recent).written()).isEqualTo(2);
        List<Rating> rows = read(recent, Codecs.RATINGS);
        assertThat(rows).extracting(Rating::response, Rating::score, Rating::rater)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 0.0, "bob"), org.assertj.core.groups.Tuple.tuple("b", 1.0, "bob"));
        assertThat(rows).allSatisfy(x -> assertThat(x.scale()).isEqualTo(Rating.Scale.THUMBS));
    }

    @Test
    void exportingToAnUnwritablePlaceLeavesNoFileBehind() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory is needed");
        Path out = blocker.resolve("pairs.jsonl");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedbackExporter(f.store).pairs(null, out))
                .hasMessageContaining("cannot write");
        assertThat(Files.list(dir)).containsExactly(blocker);
    }
}
