package org.align4j.reward.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.validate.InvalidDatasetException;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.reward.SyntheticFeedback;
import org.align4j.reward.config.RewardDataConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardDataTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    private static RewardDataConfig data(String kind, List<String> train, String db, List<String> eval, double fraction) {
        return new RewardDataConfig(kind, train, db, eval, fraction, 64, false, false, null);
    }

    @Test
    void aSeededSplitHoldsOutWholePromptsAndKeepsMarginsAndLabels() {
        List<PreferencePair> pairs = new java.util.ArrayList<>(SyntheticFeedback.pairs(40, 3));
        // two pairs of one prompt must land on the same side
        pairs.add(PreferencePair.of(pairs.get(0).plainPrompt(), "call a nurse now", "wait for months"));
        Path f = SyntheticFeedback.writePairs(tmp.resolve("p.jsonl"), pairs);
        RewardData.Sets s = RewardData.load(data("pairs", List.of(f.toString()), null, List.of(), 0.25), tmp, 5, out);
        PairExamples train = (PairExamples) s.train();
        PairExamples eval = (PairExamples) s.eval();
        assertThat(train.size() + eval.size()).isEqualTo(41);
        assertThat(eval.size()).isBetween(8, 13);
        Set<String> trainPrompts = new HashSet<>(train.prompts());
        assertThat(eval.prompts()).noneMatch(trainPrompts::contains);
        assertThat(train.labels()).allMatch(l -> l.startsWith("id p3-") || l.startsWith("example "));
        PairExamples holder = train.labels().contains("id p3-0") ? train : eval;
        assertThat(holder.margins()[holder.labels().indexOf("id p3-0")]).isEqualTo(pairs.get(0).margin().floatValue());
        // the same seed gives the same split
        RewardData.Sets again = RewardData.load(data("pairs", List.of(f.toString()), null, List.of(), 0.25), tmp, 5, out);
        assertThat(((PairExamples) again.eval()).labels()).isEqualTo(eval.labels());
    }

    @Test
    void conversationsBecomeOneLinePerTurnEndingWithTheQuestion() {
        assertThat(PromptText.of(List.of(ChatMessage.user("what is a fever?")))).isEqualTo("what is a fever?");
        assertThat(PromptText.of(List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"),
                ChatMessage.assistant("hello"), ChatMessage.user("fever?"))))
                .isEqualTo("system: be brief\nuser: hi\nassistant: hello\nuser: fever?");
    }

    @Test
    void evalFilesAreUsedAsGivenAndRatingsBecomeTargetsInZeroToOne() throws Exception {
        Path train = tmp.resolve("r.jsonl");
        Files.writeString(train, """
                {"prompt": "fever?", "response": "see a doctor", "score": 1}
                {"prompt": "fever?", "response": "ignore it", "score": 0}
                {"prompt": "cough?", "response": "rest", "score": 4, "scale": "1-5"}
                """);
        Path eval = SyntheticFeedback.writeRatings(tmp.resolve("e.jsonl"), SyntheticFeedback.ratings(5, 1));
        RewardData.Sets s = RewardData.load(data("ratings", List.of(train.toString()), null, List.of(eval.toString()),
                0), tmp, 1, out);
        RatingExamples r = (RatingExamples) s.train();
        assertThat(r.targets()).containsExactly(1f, 0f, 0.75f);
        assertThat(r.labels()).containsExactly("example 1 of r.jsonl", "example 2 of r.jsonl", "example 3 of r.jsonl");
        assertThat(s.eval().size()).isEqualTo(5);
        assertThat(log.toString()).contains("r.jsonl: 3 rows, 3 valid");
    }

    @Test
    void anInvalidRowStopsTheRunUnlessSkipped() throws Exception {
        Path f = tmp.resolve("bad.jsonl");
        Files.writeString(f, """
                {"prompt": "fever?", "chosen": "see a doctor", "rejected": "ignore it"}
                {"prompt": "fever?", "chosen": "same", "rejected": "same"}
                """);
        assertThatThrownBy(() -> RewardData.load(data("pairs", List.of(f.toString()), null, List.of(), 0), tmp, 1, out))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("bad.jsonl:2");
        RewardData.Sets s = RewardData.load(new RewardDataConfig("pairs", List.of(f.toString()), null, List.of(), 0, 64,
                false, true, null), tmp, 1, out);
        assertThat(s.train().size()).isEqualTo(1);
    }

    @Test
    void aFeedbackDatabaseIsExportedIntoTheRunDirectoryAndReadLikeAFile() {
        String db = tmp.resolve("feedback").toString();
        try (FeedbackStore store = FeedbackStore.open(db, org.align4j.feedback.Fixtures.FAST_HASHER, Clock.systemUTC())) {
            User ann = store.users().add("ann", "Dr Ann", "correct horse battery".toCharArray(), Role.DOCTOR);
            ModelVersion v = store.models().register("sft-1", "/models/sft-1", null);
            for (String q : List.of("头痛三天怎么办？", "my son has a fever, what should we do?")) {
                Enqueued e = store.queue().enqueue(q, List.of("please see a doctor today", "just ignore it"), v.id(), "{}");
                store.feedback().rate(ann.id(), e.responseIds().get(0), Thumb.UP, null);
                store.feedback().rate(ann.id(), e.responseIds().get(1), Thumb.DOWN, null);
            }
        }
        Path run = tmp.resolve("run");
        RewardData.Sets ratings = RewardData.load(data("ratings", List.of(), db, List.of(), 0), run, 1, out);
        RatingExamples r = (RatingExamples) ratings.train();
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.targets()).containsExactlyInAnyOrder(1f, 0f, 1f, 0f);
        assertThat(run.resolve("data/feedback-ratings.jsonl")).exists();

        RewardData.Sets pairs = RewardData.load(data("pairs", List.of(), db, List.of(), 0), run, 1, out);
        PairExamples p = (PairExamples) pairs.train();
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.chosen()).containsOnly("please see a doctor today");
        assertThat(p.rejected()).containsOnly("just ignore it");
        assertThat(p.labels()).allMatch(l -> l.startsWith("id feedback-pair-"));
        assertThat(log.toString()).contains("exported 2 pairs to " + run.resolve("data/feedback-pairs.jsonl"));
    }

    @Test
    void anEmptyFeedbackDatabaseIsAClearError() {
        String db = tmp.resolve("empty").toString();
        assertThatThrownBy(() -> RewardData.load(data("pairs", List.of(), db, List.of(), 0), tmp, 1, out))
                .hasMessageContaining("data.db: the feedback database " + db + " has no pairs yet");
    }

    @Test
    void aSingleFileOfEitherKindReadsForEvaluation() {
        Path f = tmp.resolve("p.jsonl");
        JsonlWriter.writeAll(f, Codecs.PAIRS, SyntheticFeedback.pairs(3, 1));
        assertThat(RewardData.file(f.toString(), "pairs", false, out)).isInstanceOf(PairExamples.class)
                .extracting(RewardExamples::size).isEqualTo(3);
        assertThatThrownBy(() -> RewardData.file(f.toString(), "sft", false, out))
                .hasMessageContaining("use pairs or ratings");
    }

    @Test
    void bundledSampleFilesAreNamedWithTheSamplePrefixAndMustHoldTheConfiguredKind() {
        RewardData.Sets s = RewardData.load(data("pairs", List.of("sample:pairs-train.jsonl"), null,
                List.of("sample:pairs-heldout"), 0), tmp, 1, out);
        assertThat(s.train().size()).isEqualTo(SampleData.pairsTrain().size());
        assertThat(s.eval().size()).isEqualTo(SampleData.pairsHeldOut().size());
        assertThat(((PairExamples) s.eval()).chosen().get(0)).isEqualTo(SampleData.pairsHeldOut().get(0).chosen());
        assertThat(log.toString()).contains("sample:pairs-heldout: 120 rows, 120 valid");
        assertThat(RewardData.file("sample:ratings-heldout", "ratings", false, out).size())
                .isEqualTo(SampleData.ratingsHeldOut().size());
        assertThatThrownBy(() -> data("pairs", List.of("sample:ratings-train.jsonl"), null, List.of(), 0))
                .hasMessageContaining("train_files: 'sample:ratings-train.jsonl' is not a bundled pairs file")
                .hasMessageContaining("sample:pairs-train.jsonl");
    }
}
