package org.align4j.feedback.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.StoreFixture;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PairStoreTest {
    @AutoClose
    private final StoreFixture f = new StoreFixture();

    @Test
    void rebuildingStoresPairsWithTheirTextsAndIsIdempotent() {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "感冒要吃抗生素吗？", "不需要，多数感冒由病毒引起。", "需要，马上吃。");
        Fixtures.preferFirst(f.store, f.ann, e);
        f.store.feedback().correct(f.bob.id(), e.responseIds().get(1), "不需要。", "抗生素对病毒无效");

        PairSync first = f.store.pairs().rebuild();
        assertThat(first.added()).isEqualTo(2);
        assertThat(first.active()).isEqualTo(2);
        List<StoredPair> pairs = f.store.pairs().since(0);
        assertThat(pairs).extracting(StoredPair::prompt, StoredPair::chosen, StoredPair::rejected, StoredPair::source)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("感冒要吃抗生素吗？", "不需要，多数感冒由病毒引起。", "需要，马上吃。", "ratings"),
                        org.assertj.core.groups.Tuple.tuple("感冒要吃抗生素吗？", "不需要。", "需要，马上吃。", "correction"));
        assertThat(pairs).allSatisfy(p -> assertThat(p.provenanceJson()).startsWith("{"));

        PairSync again = f.store.pairs().rebuild();
        assertThat(again.added()).isZero();
        assertThat(again.retracted()).isZero();
        assertThat(f.store.pairs().since(0)).extracting(StoredPair::id).isEqualTo(pairs.stream().map(StoredPair::id).toList());
    }

    @Test
    void aPairWhoseMajorityFlipsIsRetractedAndTheReversePairGetsANewerId() {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "q", "x", "y");
        Fixtures.preferFirst(f.store, f.ann, e);
        f.store.pairs().rebuild();
        long firstId = f.store.pairs().since(0).get(0).id();

        long x = e.responseIds().get(0);
        long y = e.responseIds().get(1);
        User cat = Fixtures.doctor(f.store, "cat");
        f.store.feedback().rate(f.bob.id(), x, Thumb.DOWN, null);
        f.store.feedback().rate(cat.id(), x, Thumb.DOWN, null);
        f.store.feedback().rate(f.bob.id(), y, Thumb.UP, null);
        f.store.feedback().rate(cat.id(), y, Thumb.UP, null);
        PairSync sync = f.store.pairs().rebuild();
        assertThat(sync.retracted()).isEqualTo(1);
        assertThat(sync.added()).isEqualTo(1);
        List<StoredPair> active = f.store.pairs().since(0);
        assertThat(active).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("responses:" + y + ">" + x);
            assertThat(p.id()).isGreaterThan(firstId);
        });
        assertThat(f.store.pairs().since(firstId)).hasSize(1);
    }

    @Test
    void tiesAndConflictsAreReportedByTheRebuild() {
        Enqueued e = Fixtures.enqueue(f.store, f.model, "q", "x", "y");
        f.store.feedback().rate(f.ann.id(), e.responseIds().get(0), Thumb.UP, null);
        f.store.feedback().rate(f.bob.id(), e.responseIds().get(0), Thumb.DOWN, null);
        PairSync sync = f.store.pairs().rebuild();
        assertThat(sync.active()).isZero();
        assertThat(sync.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.RATING_TIE);
    }

    @Test
    void activePairsCanBeFilteredByTheTimeOfTheirNewestFeedback() {
        Enqueued e1 = Fixtures.enqueue(f.store, f.model, "q1", "x", "y");
        f.store.feedback().correct(f.ann.id(), e1.responseIds().get(0), "x2", null);
        f.clock.advance(Duration.ofDays(2));
        Instant cut = f.clock.instant();
        f.store.feedback().correct(f.ann.id(), e1.responseIds().get(1), "y2", null);
        f.store.pairs().rebuild();
        assertThat(f.store.pairs().active(null)).hasSize(2);
        assertThat(f.store.pairs().active(cut)).extracting(StoredPair::chosen).containsExactly("y2");
    }
}
