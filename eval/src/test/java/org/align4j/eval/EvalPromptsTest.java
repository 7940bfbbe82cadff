package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.sample.SafetyRules;
import org.align4j.datasets.sample.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalPromptsTest {
    @TempDir Path tmp;

    EvalSpec spec(List<PreferencePair> pairs, List<SftExample> sft, int max) {
        return new EvalSpec(tmp, null, null, pairs, sft, max, 8, 64, 4, 10, 0, 0.1);
    }

    @Test
    void generationPromptsAreTheDistinctPairPromptsInFileOrderUpToTheLimit() {
        List<PreferencePair> pairs = List.of(PreferencePair.of("a?", "x", "y"), PreferencePair.of("a?", "x", "z"),
                PreferencePair.of("b?", "x", "y"), PreferencePair.of("c?", "x", "y"));
        assertThat(EvalPrompts.generation(spec(pairs, List.of(), 2))).containsExactly("a?", "b?");
    }

    @Test
    void withoutPairsTheSingleTurnSftQuestionsAreUsed() {
        List<SftExample> sft = List.of(SftExample.of("q1", "a1"), SftExample.of("q2", "a2"));
        assertThat(EvalPrompts.generation(spec(List.of(), sft, 5))).containsExactly("q1", "q2");
        assertThat(EvalPrompts.singleTurnExamples(spec(List.of(), sft, 1))).hasSize(1);
    }

    @Test
    void redFlagPromptsAreExactlyThoseASafetyRuleMatches() {
        SafetyRules rules = SampleData.safetyRules();
        List<String> red = EvalPrompts.redFlag(spec(SampleData.pairsHeldOut(), SampleData.sftHeldOut(), 1000), rules);
        assertThat(red).isNotEmpty().allMatch(p -> !rules.matching(p).isEmpty()).doesNotHaveDuplicates();
        long all = SampleData.pairsHeldOut().stream().map(PreferencePair::plainPrompt).distinct().count();
        assertThat((long) red.size()).isLessThan(all + SampleData.sftHeldOut().size());
    }

    @Test
    void unflaggedPromptsAreThoseNoRuleMatchesAndTogetherWithTheRedFlagOnesCoverEveryQuestion() {
        SafetyRules rules = SampleData.safetyRules();
        EvalSpec spec = spec(SampleData.pairsHeldOut(), SampleData.sftHeldOut(), 1000);
        List<String> red = EvalPrompts.redFlag(spec, rules);
        List<String> other = EvalPrompts.unflagged(spec, rules);
        assertThat(other).isNotEmpty().allMatch(p -> rules.matching(p).isEmpty()).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(red);
        long questions = Stream.concat(
                SampleData.pairsHeldOut().stream().map(PreferencePair::plainPrompt),
                SampleData.sftHeldOut().stream().map(e -> EvalPrompts.singleTurn(e).map(m -> m.get(0).content())
                        .orElse(null))).filter(Objects::nonNull).distinct().count();
        assertThat((long) red.size() + other.size()).isEqualTo(questions);
        assertThat(EvalPrompts.unflagged(spec(SampleData.pairsHeldOut(), List.of(), 3), rules)).hasSize(3);
    }
}
