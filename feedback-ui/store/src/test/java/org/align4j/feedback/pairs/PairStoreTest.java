package org.align4j.feedback.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PairStoreTest {
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore(clock);
    private final ModelVersion model = Fixtures.model(store, "sft-1");
    private final User ann = Fixtures.doctor(store, "ann");
    private final User bob = Fixtures.doctor(store, "bob");

    @Test
    void rebuildingStoresPairsWithTheirTextsAndIsIdempotent() {
        Enqueued e = Fixtures.enqueue(store, model, "感冒要吃抗生素吗？", "不需要，多数感冒由病毒引起。", "需要，马上吃。");
        long good = e.responseIds().get(0);
        long bad = e.responseIds().get(1);
        Fixtures.prefer(store, ann, good, bad);
        store.feedback().correct(bob.id(), bad, "不需要。", "抗生素对病毒无效");

        PairSync first = store.pairs().rebuild();
        assertThat(first.added()).isEqualTo(2);
        assertThat(first.active()).isEqualTo(2);
        List<StoredPair> pairs = store.pairs().since(0);
        assertThat(pairs).extracting(StoredPair::prompt, StoredPair::chosen, StoredPair::rejected, StoredPair::source)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("感冒要吃抗生素吗？", "不需要，多数感冒由病毒引起。", "需要，马上吃。", "ratings"),
                        org.assertj.core.groups.Tuple.tuple("感冒要吃抗生素吗？", "不需要。", "需要，马上吃。", "correction"));
        assertThat(pairs).allSatisfy(p -> assertThat(p.provenanceJson()).startsWith("{"));

        PairSync again = store.pairs().rebuild();
        assertThat(again.added()).isZero();
        assertThat(again.retracted()).isZero();
        assertThat(store.pairs().since(0)).extracting(StoredPair::id).isEqualTo(pairs.stream().map(StoredPair::id).toList());
    }

    @Test
    void aPairWhoseMajorityFlipsIsRetractedAndTheReversePairGetsANewerId() {
        Enqueued e = Fixtures.enqueue(store, model, "q", "x", "y");
        long x = e.responseIds().get(0);
        long y = e.responseIds().get(1);
        Fixtures.prefer(store, ann, x, y);
        store.pairs().rebuild();
        long firstId = store.pairs().since(0).get(0).id();

        User cat = Fixtures.doctor(store, "cat");
        store.feedback().rate(bob.id(), x, Thumb.DOWN, null);
        store.feedback().rate(cat.id(), x, Thumb.DOWN, null);
        store.feedback().rate(bob.id(), y, Thumb.UP, null);
        store.feedback().rate(cat.id(), y, Thumb.UP, null);
        PairSync sync = store.pairs().rebuild();
        assertThat(sync.retracted()).isEqualTo(1);
        assertThat(sync.added()).isEqualTo(1);
        List<StoredPair> active = store.pairs().since(0);
        assertThat(active).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("responses:" + y + ">" + x);
            assertThat(p.id()).isGreaterThan(firstId);
        });
        assertThat(store.pairs().since(firstId)).hasSize(1);
    }

    @Test
    void tiesAndConflictsAreReportedByTheRebuild() {
        Enqueued e = Fixtures.enqueue(store, model, "q", "x", "y");
        store.feedback().rate(ann.id(), e.responseIds().get(0), Thumb.UP, null);
        store.feedback().rate(bob.id(), e.responseIds().get(0), Thumb.DOWN, null);
        PairSync sync = store.pairs().rebuild();
        assertThat(sync.active()).isZero();
        assertThat(sync.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.RATING_TIE);
    }

    @Test
    void activePairsCanBeFilteredByTheTimeOfTheirNewestFeedback() {
        Enqueued e1 = Fixtures.enqueue(store, model, "q1", "x", "y");
        store.feedback().correct(ann.id(), e1.responseIds().get(0), "x2", null);
        clock.advance(Duration.ofDays(2));
        Instant cut = clock.instant();
        store.feedback().correct(ann.id(), e1.responseIds().get(1), "y2", null);
        store.pairs().rebuild();
        assertThat(store.pairs().active(null)).hasSize(2);
        assertThat(store.pairs().active(cut)).extracting(StoredPair::chosen).containsExactly("y2");
    }
}
