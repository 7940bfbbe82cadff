package org.align4j.ppo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.align4j.datasets.sample.SampleData;
import org.align4j.reward.RewardStats;
import org.junit.jupiter.api.Test;

/** Each reward function against hand-computed values, and a weighted list against its logged components. */
class WeightedRewardsTest {
    private static final AnswerBatch BATCH = new AnswerBatch(
            List.of("I have chest pain when I climb stairs", "I have chest pain at night", "what helps a sore throat"),
            List.of("Please call emergency services now.", "Rest and drink water.", "Warm tea and rest. See a doctor."),
            new int[] {10, 4, 30}, new boolean[] {true, false, true});

    @Test
    void safetyRewardsAPassOnARedFlagPromptPenalisesAMissAndIgnoresOtherPrompts() {
        assertThat(new SafetyReward(SampleData.safetyRules()).score(BATCH)).containsExactly(1, -1, 0);
    }

    @Test
    void overTriageCostsAnEscalationOnlyWhereNoRuleFlagsThePrompt() {
        // chest pain (flagged): escalating is right, no cost; sore throat (unflagged): "call an ambulance" costs 1,
        // a calm answer nothing
        AnswerBatch b = new AnswerBatch(
                List.of("I have chest pain at night", "what helps a sore throat", "what helps a sore throat"),
                List.of("Call an ambulance.", "Call an ambulance now.", "Warm tea and rest."),
                new int[] {4, 5, 5}, new boolean[] {true, true, true});
        assertThat(new OverTriagePenalty(new SafetyReward(SampleData.safetyRules())).score(b)).containsExactly(0, -1, 0);
    }

    @Test
    void lengthPenaltyCountsTheTokensBeyondTheLimit() {
        assertThat(new LengthPenalty(8).score(BATCH)).containsExactly(-2, 0, -22);
    }

    @Test
    void formatNeedsAStopTokenAndThePatternWhenOneIsGiven() {
        assertThat(new FormatReward(null).score(BATCH)).containsExactly(1, 0, 1);
        assertThat(new FormatReward(Pattern.compile("(?i)doctor")).score(BATCH)).containsExactly(0, 0, 1);
    }

    @Test
    void theRewardModelIsStandardisedWithItsStatistics() {
        RewardModelReward rm = new RewardModelReward((p, a) -> new float[] {3, 1, 2}, new RewardStats(2, 0.5, 10));
        assertThat(rm.score(BATCH)).containsExactly(new double[] {2, -2, 0}, within(1e-9));
        assertThat(new RewardModelReward((p, a) -> new float[] {3, 1, 2}, null).score(BATCH)).containsExactly(3, 1, 2);
    }

    @Test
    void aWeightedListSumsItsComponentsAndLogsEachOneSoTheTotalIsReproducible() {
        WeightedRewards list = new WeightedRewards(List.of(
                new WeightedRewards.Term("reward_model", 1.0, new RewardModelReward((p, a) -> new float[] {3, 1, 2}, null)),
                new WeightedRewards.Term("safety", 2.0, new SafetyReward(SampleData.safetyRules())),
                new WeightedRewards.Term("length", 0.1, new LengthPenalty(8)),
                new WeightedRewards.Term("format", 0.5, new FormatReward(null))));
        WeightedRewards.Scored s = list.score(BATCH);
        // answer 0: 3 + 2·1 + 0.1·(−2) + 0.5·1; answer 1: 1 − 2 + 0 + 0; answer 2: 2 + 0 − 2.2 + 0.5
        assertThat(s.total()).containsExactly(new double[] {5.3, -1, 0.3}, within(1e-12));
        Map<String, Double> logged = WeightedRewards.means(s);
        assertThat(logged).containsOnlyKeys("reward", "reward_reward_model", "reward_safety", "reward_length",
                "reward_format");
        assertThat(logged.get("reward_safety")).isCloseTo(0, within(1e-12));
        assertThat(logged.get("reward_length")).isCloseTo(-8, within(1e-12));
        double reproduced = 0;
        for (WeightedRewards.Term t : list.terms()) {
            reproduced += t.weight() * logged.get("reward_" + t.name());
        }
        assertThat(reproduced).isCloseTo(logged.get("reward"), within(1e-12));
        assertThat(logged.get("reward")).isCloseTo(4.6 / 3, within(1e-12));
    }

    @Test
    void aNonFiniteComponentNamesTheRewardAndTheAnswer() {
        WeightedRewards list = new WeightedRewards(List.of(new WeightedRewards.Term("broken", 1,
                b -> new double[] {0, Double.NaN, 0})));
        assertThatThrownBy(() -> list.score(BATCH)).hasMessageContaining("reward broken is NaN for answer 1");
    }

    @Test
    void specsRejectKeysOfAnotherTypeAndMissingRequiredOnes() {
        assertThatThrownBy(() -> new RewardSpec("safety", null, 1, null, null, null, null, null, 5, null))
                .hasMessageContaining("rewards.safety.limit: not a key of the safety reward");
        assertThatThrownBy(() -> new RewardSpec("length", null, 1, null, null, null, null, null, null, null))
                .hasMessageContaining("rewards.length.limit");
        assertThatThrownBy(() -> new RewardSpec("reward_model", "rm", 1, null, null, null, null, null, null, null))
                .hasMessageContaining("rewards.rm.path");
        assertThatThrownBy(() -> new RewardSpec("format", null, 1, null, null, null, null, null, null, "(("))
                .hasMessageContaining("rewards.format.pattern");
        assertThatThrownBy(() -> new RewardSpec("over_triage", null, 1, null, null, null, null, null, 5, null))
                .hasMessageContaining("rewards.over_triage.limit: not a key of the over_triage reward");
        assertThatThrownBy(() -> new RewardSpec("bleu", null, 1, null, null, null, null, null, null, null))
                .hasMessageContaining("rewards.type");
    }

    @Test
    void setupBuildsTheRuleRewardsAndRejectsDuplicateNames() {
        try (RewardSetup.Loaded l = RewardSetup.load(List.of(
                new RewardSpec("safety", null, 2, null, null, null, null, null, null, null),
                new RewardSpec("length", "brevity", 0.1, null, null, null, null, null, 8, null),
                new RewardSpec("over_triage", null, 0.5, null, null, null, null, null, null, null)))) {
            // the sore throat's answer "... See a doctor." does not escalate: no over-triage cost anywhere
            assertThat(l.rewards().score(BATCH).total()).containsExactly(new double[] {1.8, -2, -2.2}, within(1e-12));
            assertThat(l.rewards().score(BATCH).components()).containsOnlyKeys("safety", "brevity", "over_triage");
        }
        // "sample" names the bundled rules here as in the refresh job and align eval; a missing file names its key
        try (RewardSetup.Loaded l = RewardSetup.load(List.of(
                new RewardSpec("safety", null, 2, null, null, null, null, "sample", null, null)))) {
            assertThat(l.rewards().score(BATCH).components().get("safety")).containsExactly(1, -1, 0);
        }
        assertThatThrownBy(() -> RewardSetup.load(List.of(
                new RewardSpec("safety", null, 2, null, null, null, null, "no-such-rules.json", null, null))))
                .hasMessage("rewards.safety.rules: no-such-rules.json does not exist; give a safety-rules.json file,"
                        + " or sample for the bundled rules");
        assertThatThrownBy(() -> RewardSetup.load(List.of(
                new RewardSpec("format", null, 1, null, null, null, null, null, null, null),
                new RewardSpec("format", null, 2, null, null, null, null, null, null, null))))
                .hasMessageContaining("same name");
    }
}
