package org.align4j.datasets.raters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dawid–Skene reliabilities on synthetic panels whose raters' quality is known. */
class RaterReliabilityTest {
    /** 200 items with a hidden truth; each rater votes on every item with the given accuracy (0.5: at random). */
    private static List<Vote> panel(long seed, double... accuracies) {
        Random rnd = new Random(seed);
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean truth = rnd.nextDouble() < 0.6;
            for (int r = 0; r < accuracies.length; r++) {
                boolean right = rnd.nextDouble() < accuracies[r];
                votes.add(new Vote("item" + i, "dr" + r, right == truth));
            }
        }
        return votes;
    }

    @Test
    void aRandomRatersWeightFallsNearZeroWhileReliableOnesStayHigh() {
        RaterReliability r = RaterReliability.estimate(panel(1, 0.95, 0.9, 0.5));
        assertThat(r.rater("dr0").weight()).isGreaterThan(0.8);
        assertThat(r.rater("dr1").weight()).isGreaterThan(0.7);
        assertThat(r.rater("dr2").weight()).isLessThan(0.15);
        assertThat(r.rater("dr2").reason()).startsWith("rater dr2: weight 0.").contains("200 of 200 votes on shared items");
    }

    @Test
    void anAdversarialRaterGetsWeightZeroAndDoesNotFlipTheTruth() {
        RaterReliability r = RaterReliability.estimate(panel(2, 0.95, 0.9, 0.1));
        assertThat(r.rater("dr2").weight()).isZero();
        assertThat(r.rater("dr2").sensitivity() + r.rater("dr2").specificity()).isLessThan(0.5);
        assertThat(r.rater("dr0").weight()).isGreaterThan(0.8);
    }

    @Test
    void posteriorsFollowTheReliableRatersOverARandomOne() {
        List<Vote> votes = new ArrayList<>(panel(3, 0.95, 0.95, 0.5));
        // an item where the two reliable raters say 👍 and the random one 👎
        votes.addAll(List.of(new Vote("x", "dr0", true), new Vote("x", "dr1", true), new Vote("x", "dr2", false)));
        RaterReliability r = RaterReliability.estimate(votes);
        assertThat(r.posterior("x")).isGreaterThan(0.99);
    }

    @Test
    void aRaterWhoSharesNoItemKeepsThePriorWeight() {
        List<Vote> votes = new ArrayList<>(panel(4, 0.9, 0.9));
        votes.add(new Vote("alone", "dr9", true));
        RaterReliability r = RaterReliability.estimate(votes);
        assertThat(r.rater("dr9").weight()).isCloseTo(RaterReliability.PRIOR_J, within(1e-12));
        assertThat(r.rater("dr9").sharedItems()).isZero();
    }
}
