package org.align4j.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.StoreFixture;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AdminStatsTest {
    @AutoClose
    private final StoreFixture f = new StoreFixture(Instant.parse("2025-06-01T23:30:00Z"));

    @Test
    void theSnapshotCountsPerUtcDayAndPerDoctorAndMeasuresAgreement() {
        ModelVersion dpo = Fixtures.model(f.store, "dpo-1");
        Enqueued e = Fixtures.enqueue(f.store, f.model, "q", "a", "b", "c", "d");
        long a = e.responseIds().get(0);
        f.store.feedback().rate(f.ann.id(), a, Thumb.UP, null);
        f.store.feedback().rate(f.bob.id(), a, Thumb.UP, null);
        f.store.feedback().rate(f.ann.id(), a + 1, Thumb.DOWN, null);
        f.clock.advance(Duration.ofHours(1)); // next UTC day
        f.store.feedback().rate(f.bob.id(), a + 1, Thumb.DOWN, null);
        f.store.feedback().rate(f.ann.id(), a + 2, Thumb.UP, null);
        f.store.feedback().rate(f.bob.id(), a + 2, Thumb.DOWN, null);
        f.store.feedback().compare(f.ann.id(), a, a + 3, Choice.A, null);
        f.store.feedback().correct(f.bob.id(), a + 3, "better", null);
        f.store.feedback().skipAnswer(f.ann.id(), a + 3);

        AdminSnapshot s = f.store.stats().snapshot(f.store.refresh());
        assertThat(s.perDay()).containsExactly(new AdminSnapshot.DayCount("2025-06-01", 3, 0, 0),
                new AdminSnapshot.DayCount("2025-06-02", 3, 1, 1));
        assertThat(s.perDoctor()).containsExactly(new AdminSnapshot.DoctorCount("ann", "Dr ann", 3, 1, 0, 1),
                new AdminSnapshot.DoctorCount("bob", "Dr bob", 3, 0, 1, 0));
        // Three answers rated by both: agree, agree, disagree. Fleiss: P̄ = 2/3, p = (3/6, 3/6) → P_e = 0.5, κ = 1/3.
        assertThat(s.agreement().items()).isEqualTo(3);
        assertThat(s.agreement().fleissKappa()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.agreement().pairs()).singleElement().satisfies(p -> {
            assertThat(p.doctorA()).isEqualTo("ann");
            assertThat(p.items()).isEqualTo(3);
            // ann (up, down, up) vs bob (up, down, down): p_o = 2/3, p_e = 2/3·1/3 + 1/3·2/3 = 4/9, κ = (2/9)/(5/9) = 0.4.
            assertThat(p.kappa()).isCloseTo(0.4, within(1e-12));
        });
        assertThat(s.perModel()).extracting(AdminSnapshot.ModelRate::modelVersion).containsExactly("sft-1", "dpo-1");
        assertThat(s.perModel().get(0).up()).isEqualTo(3);
        assertThat(s.perModel().get(0).down()).isEqualTo(3);
        assertThat(s.perModel().get(1).rate()).isNull();
        assertThat(dpo.name()).isEqualTo("dpo-1");
        assertThat(s.productionModel()).isNull();
    }

    @Test
    void theThumbsUpRateCarriesA95PercentWilsonInterval() {
        // 8 of 10: Wilson 95% interval [0.4902, 0.9433] (z = 1.96).
        AdminSnapshot.ModelRate r = AdminStats.rate("m", 8, 2);
        assertThat(r.rate()).isEqualTo(0.8);
        assertThat(r.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(r.high()).isCloseTo(0.9433, within(1e-4));
    }
}
