package org.align4j.feedback.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairBuilderTest {
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final long PROMPT = 1;

    private static RatingVote up(long answer, long doctor) {
        return new RatingVote(answer, PROMPT, doctor, 1, T0.plusSeconds(answer * 10 + doctor));
    }

    private static RatingVote down(long answer, long doctor) {
        return new RatingVote(answer, PROMPT, doctor, -1, T0.plusSeconds(answer * 10 + doctor));
    }

    private static ComparisonVote cmp(long a, long b, long doctor, Choice c) {
        return new ComparisonVote(a, b, PROMPT, doctor, c, T0.plusSeconds(100 + doctor));
    }

    private static PairBuild ratingsOnly(RatingVote... votes) {
        return PairBuilder.build(List.of(votes), List.of(), List.of());
    }

    @Test
    void theMajorityOfDoctorsDecidesGoodAndBadAnswersAndEveryGoodBeatsEveryBadOfThePrompt() {
        PairBuild b = ratingsOnly(up(10, 1), up(10, 2), down(10, 3), down(11, 1), down(11, 2), up(12, 1), down(13, 1), down(13, 2));
        assertThat(b.pairs()).extracting(PairCandidate::key)
                .containsExactlyInAnyOrder("responses:10>11", "responses:10>13", "responses:12>11", "responses:12>13");
        PairCandidate p = b.pairs().stream().filter(x -> x.key().equals("responses:10>11")).findFirst().orElseThrow();
        assertThat(p.source()).isEqualTo("ratings");
        assertThat(p.margin()).isCloseTo(2.0 / 3 - 0.0, within(1e-12));
        assertThat(p.provenance()).containsOnlyKeys("ratings");
        assertThat(p.provenance().get("ratings")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("chosen_votes", "rejected_votes");
        assertThat(p.feedbackAt()).isEqualTo(T0.plusSeconds(112));
        assertThat(b.issues()).isEmpty();
    }

    @Test
    void anEvenlySplitAnswerIsATieAndMakesNoPair() {
        PairBuild b = ratingsOnly(up(10, 1), down(10, 2), down(11, 1));
        assertThat(b.pairs()).isEmpty();
        assertThat(b.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(PairIssue.Kind.RATING_TIE);
            assertThat(i.responseIds()).containsExactly(10L);
            assertThat(i.detail()).contains("1 thumbs up and 1 thumbs down").contains("[1, 2]");
        });
    }

    @Test
    void answersOfDifferentPromptsAreNeverPaired() {
        PairBuild b = PairBuilder.build(List.of(up(10, 1), new RatingVote(20, 2, 1, -1, T0)), List.of(), List.of());
        assertThat(b.pairs()).isEmpty();
    }

    @Test
    void comparisonVotesArePooledWhateverSideEachAnswerWasShownOn() {
        PairBuild b = PairBuilder.build(List.of(), List.of(cmp(10, 11, 1, Choice.A), cmp(11, 10, 2, Choice.B), cmp(11, 10, 3, Choice.A)),
                List.of());
        assertThat(b.pairs()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("responses:10>11");
            assertThat(p.source()).isEqualTo("comparison");
            assertThat(p.margin()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(p.provenance().get("comparison")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("votes_for_chosen", 2).containsEntry("votes_for_rejected", 1).containsEntry("votes_both_bad", 0);
        });
    }

    @Test
    void bothBadMajoritiesAndSplitComparisonsAreReportedNotGuessed() {
        PairBuild bothBad = PairBuilder.build(List.of(), List.of(cmp(10, 11, 1, Choice.BOTH_BAD), cmp(10, 11, 2, Choice.BOTH_BAD),
                cmp(10, 11, 3, Choice.A)), List.of());
        assertThat(bothBad.pairs()).isEmpty();
        assertThat(bothBad.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.BOTH_BAD);

        PairBuild tie = PairBuilder.build(List.of(), List.of(cmp(10, 11, 1, Choice.A), cmp(10, 11, 2, Choice.B)), List.of());
        assertThat(tie.pairs()).isEmpty();
        assertThat(tie.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(PairIssue.Kind.COMPARISON_TIE);
            assertThat(i.responseIds()).containsExactly(10L, 11L);
        });

        PairBuild winnerNoBetterThanBothBad = PairBuilder.build(List.of(),
                List.of(cmp(10, 11, 1, Choice.A), cmp(10, 11, 2, Choice.BOTH_BAD)), List.of());
        assertThat(winnerNoBetterThanBothBad.pairs()).isEmpty();
        assertThat(winnerNoBetterThanBothBad.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.COMPARISON_TIE);
    }

    @Test
    void ratingsAndComparisonsThatAgreeMakeOnePairWithBothSources() {
        PairBuild b = PairBuilder.build(List.of(up(10, 1), down(11, 1)), List.of(cmp(11, 10, 2, Choice.B)), List.of());
        assertThat(b.pairs()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("responses:10>11");
            assertThat(p.source()).isEqualTo("ratings+comparison");
            assertThat(p.margin()).isCloseTo((1.0 + 1.0) / 2, within(1e-12));
            assertThat(p.provenance()).containsKeys("ratings", "comparison");
        });
    }

    @Test
    void ratingsAndComparisonsThatDisagreeAreAConflictAndMakeNoPair() {
        PairBuild b = PairBuilder.build(List.of(up(10, 1), down(11, 1)), List.of(cmp(10, 11, 2, Choice.B)), List.of());
        assertThat(b.pairs()).isEmpty();
        assertThat(b.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(PairIssue.Kind.CONFLICT);
            assertThat(i.detail()).contains("ratings prefer 10").contains("comparison prefer 11");
        });
    }

    @Test
    void aCorrectionIsPreferredOverItsOriginalUnlessUnchanged() {
        PairBuild b = PairBuilder.build(List.of(), List.of(), List.of(
                new CorrectionEntry(7, 10, PROMPT, 1, "Take 500 mg.", "Take 5000 mg.", T0),
                new CorrectionEntry(8, 10, PROMPT, 2, "  Take 5000 mg.\n", "Take 5000 mg.", T0)));
        assertThat(b.pairs()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("correction:7");
            assertThat(p.correctionId()).isEqualTo(7L);
            assertThat(p.chosenResponseId()).isNull();
            assertThat(p.rejectedResponseId()).isEqualTo(10L);
            assertThat(p.margin()).isNull();
        });
        assertThat(b.issues()).extracting(PairIssue::kind).containsExactly(PairIssue.Kind.CORRECTION_UNCHANGED);
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheFeedback() {
        List<RatingVote> votes = new ArrayList<>(List.of(up(10, 1), up(10, 2), down(11, 1), down(12, 2), up(13, 3)));
        PairBuild first = ratingsOnly(votes.toArray(RatingVote[]::new));
        java.util.Collections.reverse(votes);
        PairBuild second = ratingsOnly(votes.toArray(RatingVote[]::new));
        assertThat(second.pairs()).isEqualTo(first.pairs());
        assertThat(first.pairs()).hasSize(4);
    }
}
