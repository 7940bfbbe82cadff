package org.align4j.feedback.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.align4j.datasets.PreferencePair;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.StoreFixture;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.pairs.StoredPair;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Rater-weighted pairs on a panel where doctors share only a calibration subset. */
class PairWeightingTest {
    @AutoClose
    private final StoreFixture f = new StoreFixture();

    @Test
    void aPairOnlyARandomDoctorMadeIsLeftOutAndAReliableDoctorsPairKeepsMostOfItsWeight() {
        User eve = Fixtures.doctor(f.store, "eve");
        Random rnd = new Random(11);
        // 60 calibration questions that all three rate: ann is always right, bob 90 %, eve votes at random
        for (int q = 0; q < 60; q++) {
            Enqueued e = Fixtures.enqueue(f.store, f.model, "shared " + q, "good " + q, "bad " + q);
            for (int k = 0; k < 2; k++) {
                long a = e.responseIds().get(k);
                boolean good = k == 0;
                f.store.feedback().rate(f.ann.id(), a, good ? Thumb.UP : Thumb.DOWN, null);
                f.store.feedback().rate(f.bob.id(), a, good == (rnd.nextDouble() < 0.9) ? Thumb.UP : Thumb.DOWN, null);
                f.store.feedback().rate(eve.id(), a, rnd.nextBoolean() ? Thumb.UP : Thumb.DOWN, null);
            }
        }
        // then questions only one doctor rates: eve's, with the pair her votes happened to make reversed, and ann's
        List<Long> eveOnly = new ArrayList<>();
        for (int q = 0; q < 5; q++) {
            Enqueued e = Fixtures.enqueue(f.store, f.model, "eve " + q, "good e" + q, "bad e" + q);
            f.store.feedback().rate(eve.id(), e.responseIds().get(0), Thumb.DOWN, null);
            f.store.feedback().rate(eve.id(), e.responseIds().get(1), Thumb.UP, null);
            eveOnly.add(e.responseIds().get(1));
        }
        Enqueued annsQuestion = Fixtures.enqueue(f.store, f.model, "ann's", "good a", "bad a");
        f.store.feedback().rate(f.ann.id(), annsQuestion.responseIds().get(0), Thumb.UP, null);
        f.store.feedback().rate(f.ann.id(), annsQuestion.responseIds().get(1), Thumb.UNSAFE, null);

        f.store.pairs().rebuild();
        List<StoredPair> active = f.store.pairs().active(null);
        PairWeighting weighting = PairWeighting.of(f.store, FeedbackWeighting.defaults());
        for (StoredPair p : active) {
            PreferencePair pair = PreferencePair.of(p.prompt(), p.chosen(), p.rejected());
            if (eveOnly.contains(p.chosenResponseId())) {
                // both answers keep the prior under a random rater: P(chosen good) − P(rejected good) ≈ 0
                assertThat(weighting.weigh(p).orElseThrow().weight()).isLessThan(weighting.minWeight());
                assertThat(weighting.apply(p, pair)).isEmpty();
            } else if (p.prompt().equals("ann's")) {
                PairWeighting.Weight w = weighting.weigh(p).orElseThrow();
                assertThat(w.weight()).isGreaterThan(3 * 0.8); // ann's votes are near-certain, × 3 for unsafe
                assertThat(w.reason()).contains("P(chosen good)").contains("− P(rejected good)")
                        .contains("rejected answer marked unsafe: × 3");
                assertThat(weighting.apply(p, pair).orElseThrow().weight()).isEqualTo(w.weight());
            }
        }
        assertThat(active.stream().filter(p -> eveOnly.contains(p.chosenResponseId()))).hasSize(5);
        // without rater weights eve's reversed pairs train like any other
        PairWeighting none = PairWeighting.of(f.store, FeedbackWeighting.none());
        assertThat(active.stream().filter(p -> eveOnly.contains(p.chosenResponseId()))
                .map(p -> none.apply(p, PreferencePair.of(p.prompt(), p.chosen(), p.rejected())))
                .filter(java.util.Optional::isPresent)).hasSize(5);
    }
}
