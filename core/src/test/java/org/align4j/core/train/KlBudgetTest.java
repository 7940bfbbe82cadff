package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KlBudgetTest {
    @Test
    void zeroMeansNoBudgetAndEveryKlIsWithinIt() {
        KlBudget none = KlBudget.of(0, false);
        assertThat(none.isSet()).isFalse();
        assertThat(none.within(1e9)).isTrue();
    }

    @Test
    void aKlAtTheBudgetIsWithinAndAboveItIsNot() {
        KlBudget b = KlBudget.of(20, true);
        assertThat(b.within(20.0)).isTrue();
        assertThat(b.within(20.001)).isFalse();
        assertThat(b.within(-0.3)).isTrue(); // a sampled estimate can dip below zero near the reference
    }

    @Test
    void badSettingsNameTheirField() {
        assertThatThrownBy(() -> KlBudget.of(-1, false)).hasMessageStartingWith("kl_budget: must be >= 0");
        assertThatThrownBy(() -> KlBudget.of(0, true)).hasMessageStartingWith("stop_on_kl_budget: true needs a kl_budget");
        assertThatThrownBy(() -> KlBudget.of(Double.NaN, false)).hasMessageStartingWith("kl_budget:");
    }

    @Test
    void aKlThatWasNotMeasuredIsAnErrorNotAPass() {
        assertThatThrownBy(() -> KlBudget.of(20, false).within(Double.NaN)).hasMessageContaining("eval_kl is NaN");
    }

    @Test
    void theWatchWarnsWithTheFirstStepOverTheBudgetAndTheLargestKl() {
        KlBudget.Watch w = new KlBudget.Watch(KlBudget.of(20, false));
        assertThat(w.observe(0, 0.0)).isTrue();
        assertThat(w.observe(6, 12.0)).isTrue();
        assertThat(w.warning("step")).isNull();
        assertThat(w.observe(12, 31.5)).isFalse();
        assertThat(w.observe(18, 44.0)).isFalse();
        assertThat(w.observe(24, 8.0)).isTrue();
        assertThat(w.passed()).isTrue();
        assertThat(w.maxKl()).isEqualTo(44.0);
        assertThat(w.warning("iteration")).startsWith("warning: the KL to the reference passed the budget of 20 nats")
                .contains("at iteration 12 (31.5 nats; largest 44)");
    }

    @Test
    void aRunThatStoppedOnItsBudgetIsNotAdvisedToStopOnIt() {
        KlBudget.Watch w = new KlBudget.Watch(KlBudget.of(5, true));
        w.observe(20, 5.497);
        assertThat(w.warning("iteration")).isEqualTo("warning: the KL to the reference passed the budget of 5 nats per"
                + " answer at iteration 20 (5.497 nats; largest 5.497): stop_on_kl_budget ended the run there");
        KlBudget.Watch free = new KlBudget.Watch(KlBudget.of(5, false));
        free.observe(20, 5.497);
        assertThat(free.warning("iteration")).endsWith("or set stop_on_kl_budget: true");
    }

    @Test
    void theStopMessageSaysWhichWeightsTheRunKeeps() {
        KlBudget.Watch w = new KlBudget.Watch(KlBudget.of(20, true));
        assertThat(w.stopMessage("step", 12, 31.5, 6L)).isEqualTo("stopping at step 12: the KL to the reference, 31.5"
                + " nats per answer, passed the budget of 20 (stop_on_kl_budget); the final model is the best"
                + " evaluation within the budget, step 6");
        assertThat(w.stopMessage("step", 6, 31.5, null)).contains("no evaluation after the start was within the budget");
    }
}
