package org.align4j.feedback.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.pairs.StoredPair;
import org.align4j.feedback.queue.Enqueued;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class RefreshRegistryTest {
    private static final String JOB = "dpo-refresh";
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore();
    private final RefreshRegistry registry = store.refresh();
    private final ModelVersion base = Fixtures.model(store, "sft-1");

    @Test
    void aSecondRunCannotTakeTheLockUntilTheFirstReleasesIt() {
        try (RefreshLock first = registry.lock(JOB, "host-a pid 1")) {
            assertThat(first.isHeld()).isTrue();
            assertThatThrownBy(() -> registry.lock(JOB, "host-b pid 2"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("already running").hasMessageContaining("host-a pid 1");
            try (RefreshLock other = registry.lock("another-job", "host-b")) {
                assertThat(other.isHeld()).isTrue();
            }
        }
        try (RefreshLock again = registry.lock(JOB, "host-b pid 2")) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void aBrokenLockIsNotReleasedByItsOldHolder() {
        RefreshLock stale = registry.lock(JOB, "dead process");
        assertThat(registry.forceUnlock(JOB)).isTrue();
        try (RefreshLock fresh = registry.lock(JOB, "new process")) {
            stale.close();
            assertThat(fresh.isHeld()).isTrue();
            assertThat(stale.isHeld()).isFalse();
        }
        assertThat(registry.forceUnlock(JOB)).isFalse();
    }

    @Test
    void aPromotedRunFlipsProductionAndAdvancesTheWatermarkTogether() {
        store.models().promote(base.id());
        User ann = Fixtures.doctor(store, "ann");
        Enqueued e = Fixtures.enqueue(store, base, "q", "x", "y");
        store.feedback().correct(ann.id(), e.responseIds().get(0), "x fixed", null);
        store.feedback().correct(ann.id(), e.responseIds().get(1), "y fixed", null);

        assertThat(registry.watermark(JOB)).isZero();
        List<StoredPair> pairs = registry.pairsSince(0);
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).toPreferencePair().plainPrompt()).isEqualTo("q");
        assertThat(pairs).extracting(p -> p.toPreferencePair().chosen()).containsExactlyInAnyOrder("x fixed", "y fixed");
        long upTo = pairs.get(pairs.size() - 1).id();
        TrainingRun run = registry.startRun(JOB, base.id(), 0);
        assertThat(run.finished()).isFalse();
        ModelVersion produced = store.models().register("dpo-1", "/models/dpo-1", base.id());
        TrainingRun done = registry.finishRun(run.id(),
                new RunOutcome(Decision.PROMOTED, produced.id(), upTo, pairs.size(), "{\"eval_loss\": 0.61, \"win_rate\": 0.57}", null));

        assertThat(done.finished()).isTrue();
        assertThat(done.decision()).isEqualTo(Decision.PROMOTED);
        assertThat(done.metricsJson()).isEqualTo("{\"eval_loss\":0.61,\"win_rate\":0.57}");
        assertThat(store.models().production()).map(ModelVersion::name).contains("dpo-1");
        assertThat(registry.watermark(JOB)).isEqualTo(upTo);
        assertThat(registry.pairsSince(registry.watermark(JOB))).isEmpty();
        assertThat(store.models().find(produced.id()).orElseThrow().parentId()).isEqualTo(base.id());
    }

    @Test
    void aRejectedRunLeavesProductionAndTheWatermarkAlone() {
        store.models().promote(base.id());
        ModelVersion produced = store.models().register("dpo-2", "/m/dpo-2", base.id());
        TrainingRun run = registry.startRun(JOB, base.id(), 0);
        registry.finishRun(run.id(), new RunOutcome(Decision.REJECTED, produced.id(), 40, 40, "{\"win_rate\":0.48}", "win rate below 0.5"));
        assertThat(store.models().production()).map(ModelVersion::name).contains("sft-1");
        assertThat(registry.watermark(JOB)).isZero();
        assertThat(registry.findRun(run.id()).orElseThrow().message()).isEqualTo("win rate below 0.5");
    }

    @Test
    void aFailedPromotionChangesNothing() {
        store.models().promote(base.id());
        TrainingRun run = registry.startRun(JOB, base.id(), 0);
        assertThatThrownBy(() -> registry.finishRun(run.id(), new RunOutcome(Decision.PROMOTED, 999L, 5, 5, null, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("model version 999");
        assertThat(registry.findRun(run.id()).orElseThrow().finished()).isFalse();
        assertThat(store.models().production()).map(ModelVersion::name).contains("sft-1");
    }

    @Test
    void aRunFinishesOnceAndMetricsMustBeAJsonObject() {
        TrainingRun run = registry.startRun(JOB, null, 0);
        assertThatThrownBy(() -> registry.finishRun(run.id(), new RunOutcome(Decision.FAILED, null, 0, 0, "[1,2]", "oom")))
                .hasMessageContaining("JSON object");
        registry.finishRun(run.id(), new RunOutcome(Decision.FAILED, null, 0, 0, null, "out of memory"));
        assertThatThrownBy(() -> registry.finishRun(run.id(), new RunOutcome(Decision.FAILED, null, 0, 0, null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already finished");
        assertThatThrownBy(() -> new RunOutcome(Decision.PROMOTED, null, 0, 0, null, null)).hasMessageContaining("must name the model version");
        assertThat(registry.runs()).extracting(TrainingRun::decision).containsExactly(Decision.FAILED);
    }

    @Test
    void registeringAModelVersionIsIdempotentForTheSameCheckpoint() {
        assertThat(store.models().register("sft-1", "/models/sft-1", null)).isEqualTo(base);
        assertThatThrownBy(() -> store.models().register("sft-1", "/elsewhere", null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> store.models().register("x", null, 77L)).isInstanceOf(NotFoundException.class);
        assertThat(store.models().list()).extracting(ModelVersion::name).containsExactly("sft-1");
        assertThat(store.models().production()).isEmpty();
    }

    @Test
    void aLiveHolderIsNamedWithWhatBreaksItsLockAndOnlyTheHolderReleasesIt() {
        try (RefreshLock mine = JobLock.acquire(store, JOB, java.time.Duration.ofHours(6), java.time.Clock.systemUTC(),
                n -> { })) {
            assertThat(registry.lockHolder(JOB)).get().extracting(RefreshRegistry.LockHolder::owner)
                    .isEqualTo(mine.owner());
            assertThatThrownBy(() -> JobLock.acquire(store, JOB, java.time.Duration.ofHours(6),
                    java.time.Clock.systemUTC(), n -> { }))
                    .hasMessageContaining("already running (lock held by " + mine.owner() + " since ")
                    .hasMessageEndingWith("; the next run breaks it once that process has exited (on this host) or the"
                            + " lock is older than stale_lock_hours (6)");
            assertThat(registry.release(JOB, "someone else")).isFalse();
            assertThat(mine.isHeld()).isTrue();
        }
        assertThat(registry.lockHolder(JOB)).isEmpty();
    }
}
