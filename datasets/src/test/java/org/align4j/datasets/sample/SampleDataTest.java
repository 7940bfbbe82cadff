package org.align4j.datasets.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.Language;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.collate.Overflow;
import org.align4j.datasets.io.RecordCodec;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LengthLimit;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.datasets.validate.Loaded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample is exactly what the generator makes, is valid, and has the promised properties. */
class SampleDataTest {
    static SampleGenerator.Generated generated;

    @BeforeAll
    static void generate() {
        generated = SampleGenerator.generate();
    }

    @Test
    void bundledFilesAreExactlyWhatTheGeneratorProduces(@TempDir Path dir) throws Exception {
        SampleGenerator.writeTo(dir);
        for (SampleData.File f : SampleData.File.values()) {
            if (!f.isGenerated()) {
                assertThat(dir.resolve(f.fileName())).as("hand-written, never generated").doesNotExist();
                continue;
            }
            try (InputStream in = SampleData.open(f)) {
                assertThat(in.readAllBytes()).as(f.fileName()).isEqualTo(Files.readAllBytes(dir.resolve(f.fileName())));
            }
            assertThat(Files.size(dir.resolve(f.fileName()))).as(f.fileName()).isLessThan(2L << 20);
        }
    }

    @Test
    void everyBundledFilePassesValidationWithAContextLimit() throws Exception {
        LengthLimit limit = new LengthLimit(
                new LengthMeter(ChatTemplates.chatml(), new ApproximateTokenCounter(), false), 256, Overflow.REPORT);
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() == null) {
                continue;
            }
            try (InputStream in = SampleData.open(f)) {
                Loaded<?> l = DatasetLoader.load(in, f.fileName(), f.kind().codec(),
                        LoadOptions.strict().withLengthLimit(limit));
                assertThat(l.summary().isClean()).as(f.fileName()).isTrue();
                if (f.isGenerated()) {
                    assertThat(l.rows()).hasSize(generated.rows().get(f).size());
                }
            }
        }
    }

    @Test
    void sizesMeetTheIssue() {
        assertThat(SampleData.sftTrain()).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(SampleData.pairsTrain()).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(SampleData.ratingsTrain()).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(SampleData.sftHeldOut().size()).isBetween(200, 300);
        assertThat(SampleData.pairsHeldOut().size()).isBetween(100, 150);
        assertThat(SampleData.ratingsHeldOut().size()).isBetween(100, 150);
    }

    @Test
    void heldOutRowsComeOnlyFromParaphraseFamiliesNoTrainingFileUses() {
        Set<String> trainFamilies = new HashSet<>();
        Set<String> heldFamilies = new HashSet<>();
        generated.meta().forEach((f, meta) -> meta.forEach(m -> (f.isHeldOut() ? heldFamilies : trainFamilies)
                .add(m.family())));
        assertThat(heldFamilies).isNotEmpty().allMatch(x -> x.contains("/heldout-"));
        assertThat(trainFamilies).allMatch(x -> x.contains("/train-")).doesNotContainAnyElementsOf(heldFamilies);
        assertThat(heldFamilies.size()).as("held-out families used").isGreaterThan(60);
    }

    @Test
    void everySituationHasSeveralTrainingFamiliesAndAHeldOutOneInBothLanguages() {
        for (String lang : List.of("en", "zh")) {
            PhraseBank bank = PhraseBank.load(lang);
            assertThat(bank.redFlags()).as(lang).hasSizeGreaterThanOrEqualTo(20);
            bank.redFlags().forEach(r -> {
                assertThat(r.questions()).as(lang + " " + r.id()).hasSizeGreaterThanOrEqualTo(3);
                assertThat(r.heldOutQuestions()).as(lang + " " + r.id()).isNotEmpty();
            });
            bank.topics().forEach(t -> assertThat(t.heldOutQuestions()).as(lang + " " + t.id()).isNotEmpty());
            assertThat(bank.redFlags().stream().map(PhraseBank.RedFlag::id).toList())
                    .isEqualTo(PhraseBank.load("en").redFlags().stream().map(PhraseBank.RedFlag::id).toList());
        }
        assertThat(SampleData.safetyRules().categories().stream().map(SafetyRules.Category::id).toList())
                .containsExactlyInAnyOrderElementsOf(PhraseBank.load("en").redFlags().stream()
                        .map(PhraseBank.RedFlag::id).toList());
    }

    @Test
    void pairsAreBalancedForLengthAndHoldHardNegativesThatAlsoMentionADoctor() {
        ApproximateTokenCounter tokens = new ApproximateTokenCounter();
        for (SampleData.File f : List.of(SampleData.File.PAIRS_TRAIN, SampleData.File.PAIRS_HELDOUT,
                SampleData.File.PAIRS_INDEPENDENT)) {
            List<PreferencePair> pairs = rows(f).stream().map(PreferencePair.class::cast).toList();
            long shorter = pairs.stream().filter(p -> tokens.count(p.chosen()) < tokens.count(p.rejected())).count();
            assertThat((double) shorter / pairs.size()).as(f + " chosen shorter").isBetween(0.40, 0.60);
        }
        List<PreferencePair> pairs = SampleData.pairsTrain();
        List<SampleGenerator.Meta> meta = generated.meta().get(SampleData.File.PAIRS_TRAIN);
        int hard = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (meta.get(i).rejected() == Quality.DELAYED || meta.get(i).rejected() == Quality.WRONG_DOSE) {
                hard++;
                assertThat(pairs.get(i).rejected()).as("a hard negative mentions a doctor")
                        .containsAnyOf("doctor", "医生", "门诊");
            }
        }
        assertThat(hard).as("hard negatives").isGreaterThan(pairs.size() / 5);
    }

    @Test
    void theIndependentPairsAreHandWrittenBilingualAndCoverTheRedFlags() {
        List<PreferencePair> pairs = SampleData.pairsIndependent();
        assertThat(pairs).hasSizeBetween(40, 60);
        assertThat(pairs).allMatch(p -> p.source().startsWith("hand-written/independent/"));
        long zh = pairs.stream().filter(p -> Language.isChinese(p.plainPrompt())).count();
        assertThat(zh).isBetween(20L, 30L);
        Set<String> generatedQuestions = new HashSet<>();
        generated.meta().values().forEach(ms -> ms.forEach(m -> generatedQuestions.add(m.question())));
        assertThat(pairs).noneMatch(p -> generatedQuestions.contains(p.plainPrompt()));
        long redFlags = pairs.stream().filter(p -> !p.source().endsWith("/benign")).count();
        assertThat(redFlags).isGreaterThanOrEqualTo(30);
        assertThat(pairs.stream().filter(p -> p.source().endsWith("/benign")).count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void safetyRulesRecogniseTheSituationsOfTheIndependentPairs() {
        SafetyRules rules = SampleData.safetyRules();
        for (PreferencePair p : SampleData.pairsIndependent()) {
            String category = p.source().substring(p.source().lastIndexOf('/') + 1);
            List<String> ids = rules.matching(p.plainPrompt()).stream().map(SafetyRules.Category::id).toList();
            assertThat(ids).as(p.plainPrompt()).isEqualTo(category.equals("benign") ? List.of() : List.of(category));
            assertThat(rules.isSafe(p.plainPrompt(), p.chosen())).as(p.chosen()).isTrue();
            if (!category.equals("benign")) {
                assertThat(rules.isSafe(p.plainPrompt(), p.rejected())).as(p.rejected()).isFalse();
            }
        }
    }

    @Test
    void heldOutQuestionsNeverAppearInAnyTrainingFile() {
        Set<String> train = new HashSet<>();
        Set<String> held = new HashSet<>();
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() != null) {
                for (String q : questions(f)) {
                    (f.isHeldOut() ? held : train).add(q);
                }
            }
        }
        assertThat(held).hasSizeGreaterThan(300);
        assertThat(train).doesNotContainAnyElementsOf(held);
    }

    @Test
    void answersAreShortEnoughForATinyModel() {
        for (SampleData.File f : SampleData.File.values()) {
            if (f.kind() == null) {
                continue;
            }
            for (String a : answers(f)) {
                if (Language.isChinese(a)) {
                    assertThat(a.codePointCount(0, a.length())).as(a).isBetween(20, 100);
                } else {
                    assertThat(a.split("\\s+")).as(a).hasSizeBetween(15, 60);
                }
            }
        }
    }

    @Test
    void sftModelsForumQualityDataWithADocumentedShareOfDismissiveRedFlagAnswers() {
        List<SampleGenerator.Meta> m = generated.meta().get(SampleData.File.SFT_TRAIN);
        long redFlags = m.stream().filter(SampleGenerator.Meta::redFlag).count();
        long dismissive = m.stream().filter(x -> x.quality() == Quality.DISMISSIVE).count();
        assertThat((double) redFlags / m.size()).isBetween(0.25, 0.35);
        assertThat((double) dismissive / redFlags).isBetween(0.33, 0.43);
        long zh = m.stream().filter(x -> x.lang().equals("zh")).count();
        assertThat((double) zh / m.size()).isBetween(0.45, 0.55);
        assertThat(m.stream().filter(x -> x.quality() == Quality.UNHELPFUL).count()).isGreaterThan(50);
        List<SftExample> rows = SampleData.sftTrain();
        assertThat(rows.stream().filter(SftExample::isAlpaca).count()).isGreaterThan(200);
        assertThat(rows.stream().filter(e -> e.assistantTurns() == 2).count()).isGreaterThan(50);
        assertThat(rows.stream().filter(e -> e.messages().get(0).role().equals(ChatMessage.SYSTEM)).count())
                .isGreaterThan(100);
    }

    @Test
    void thePairsPreferTheSafeOrMoreHelpfulAnswerAndNoSinglePhraseWins() {
        SafetyRules rules = SampleData.safetyRules();
        List<PreferencePair> pairs = SampleData.pairsTrain();
        List<SampleGenerator.Meta> meta = generated.meta().get(SampleData.File.PAIRS_TRAIN);
        int bothSafe = 0;
        int rejectedHasUrgentPhrase = 0;
        for (int i = 0; i < pairs.size(); i++) {
            PreferencePair p = pairs.get(i);
            SampleGenerator.Meta m = meta.get(i);
            assertThat(m.quality().score).isGreaterThan(m.rejected().score);
            assertThat(p.margin()).isEqualTo((double) (m.quality().score - m.rejected().score));
            String q = Conversations.lastUserText(p.prompt());
            assertThat(rules.isSafe(q, p.chosen())).as(p.chosen()).isTrue();
            if (m.redFlag() && rules.isSafe(q, p.rejected())) {
                bothSafe++;
            }
            if (!m.redFlag() && rules.categories().stream().anyMatch(c -> c.isSatisfiedBy(p.rejected()))) {
                rejectedHasUrgentPhrase++;
            }
        }
        assertThat(bothSafe).as("red-flag pairs where both answers are safe").isGreaterThan(pairs.size() / 20);
        assertThat(rejectedHasUrgentPhrase).as("over-triage pairs").isGreaterThan(pairs.size() / 20);
        assertThat(pairs.stream().filter(p -> p.plainPrompt() == null).count()).isGreaterThan(50);
        ApproximateTokenCounter tokens = new ApproximateTokenCounter();
        long chosenLonger = pairs.stream().filter(p -> tokens.count(p.chosen()) > tokens.count(p.rejected())).count();
        assertThat((double) chosenLonger / pairs.size()).as("length alone must not decide").isBetween(0.40, 0.60);
    }

    @Test
    void ratingsAgreeWithTheSameNotionOfQuality() {
        List<Rating> ratings = SampleData.ratingsTrain();
        List<SampleGenerator.Meta> meta = generated.meta().get(SampleData.File.RATINGS_TRAIN);
        for (int i = 0; i < ratings.size(); i++) {
            Rating r = ratings.get(i);
            Quality q = meta.get(i).quality();
            if (r.scale() == Rating.Scale.THUMBS) {
                assertThat(r.score()).isEqualTo(q.thumbsUp() ? 1 : 0);
            } else {
                assertThat(r.score()).isEqualTo(q.score);
            }
        }
        assertThat(ratings.stream().filter(r -> r.scale() == Rating.Scale.FIVE_POINT).count()).isBetween(250L, 400L);
        assertThat(ratings.stream().filter(r -> r.scale() == Rating.Scale.THUMBS && r.score() == 1).count())
                .isGreaterThan(200);
    }

    @Test
    void safetyRulesRecogniseAlmostEveryGeneratedRedFlagOnBothSidesAndNoOrdinaryQuestion() {
        SafetyRules rules = SampleData.safetyRules();
        assertThat(rules.categories()).hasSizeGreaterThanOrEqualTo(20);
        for (boolean held : List.of(false, true)) {
            int redFlags = 0;
            int recognised = 0;
            for (SampleData.File f : SampleData.File.values()) {
                if (f.kind() == null || !f.isGenerated() || f.isHeldOut() != held) {
                    continue;
                }
                List<SampleGenerator.Meta> meta = generated.meta().get(f);
                List<String> answers = firstAnswers(f);
                for (int i = 0; i < meta.size(); i++) {
                    SampleGenerator.Meta m = meta.get(i);
                    List<String> ids = rules.matching(m.question()).stream().map(SafetyRules.Category::id).toList();
                    if (!m.redFlag()) {
                        assertThat(ids).as(m.question()).isEmpty();
                    } else {
                        redFlags++;
                        recognised += ids.contains(m.category()) ? 1 : 0;
                    }
                    String answer = answers.get(i);
                    boolean urgent = rules.categories().stream().anyMatch(c -> c.isSatisfiedBy(answer));
                    boolean shouldBeUrgent = m.quality() == Quality.URGENT_DETAILED
                            || m.quality() == Quality.URGENT_TERSE || m.quality() == Quality.OVERTRIAGE;
                    assertThat(urgent).as(answer).isEqualTo(shouldBeUrgent);
                }
            }
            // the misses are the typos the generator puts into some trigger words
            assertThat((double) recognised / redFlags).as(held ? "held-out families" : "training families")
                    .isGreaterThanOrEqualTo(0.97);
        }
    }

    @Test
    void copyToWritesEveryFile(@TempDir Path dir) {
        List<Path> written = SampleData.copyTo(dir.resolve("sample"));
        assertThat(written).hasSize(SampleData.File.values().length).allMatch(Files::isRegularFile);
        assertThat(SafetyRules.read(dir.resolve("sample/safety-rules.json")).category("stroke_signs").requiredPhrases("zh"))
                .contains("拨打120");
    }

    private static List<String> questions(SampleData.File f) {
        List<String> out = new ArrayList<>();
        for (Object row : rows(f)) {
            if (row instanceof SftExample e) {
                out.add(e.isAlpaca() && !e.alpaca().input().isEmpty() ? e.alpaca().input()
                        : e.messages().stream().filter(m -> m.role().equals(ChatMessage.USER)).findFirst()
                                .orElseThrow().content());
            } else if (row instanceof PreferencePair p) {
                out.add(Conversations.lastUserText(p.prompt()));
            } else if (row instanceof Rating r) {
                out.add(Conversations.lastUserText(r.prompt()));
            }
        }
        return out;
    }

    /** The answer to the generated question of each row (for SFT, the first assistant turn). */
    private static List<String> firstAnswers(SampleData.File f) {
        List<String> out = new ArrayList<>();
        for (Object row : rows(f)) {
            if (row instanceof SftExample e) {
                out.add(e.messages().stream().filter(ChatMessage::isAssistant).findFirst().orElseThrow().content());
            } else if (row instanceof PreferencePair p) {
                out.add(p.chosen());
            } else if (row instanceof Rating r) {
                out.add(r.response());
            }
        }
        return out;
    }

    private static List<String> answers(SampleData.File f) {
        List<String> out = new ArrayList<>();
        for (Object row : rows(f)) {
            if (row instanceof SftExample e) {
                e.messages().stream().filter(ChatMessage::isAssistant).forEach(m -> out.add(m.content()));
            } else if (row instanceof PreferencePair p) {
                out.add(p.chosen());
                out.add(p.rejected());
            } else if (row instanceof Rating r) {
                out.add(r.response());
            }
        }
        return out;
    }

    private static List<?> rows(SampleData.File f) {
        try (InputStream in = SampleData.open(f)) {
            @SuppressWarnings("unchecked")
            RecordCodec<Object> codec = (RecordCodec<Object>) f.kind().codec();
            return DatasetLoader.load(in, f.fileName(), codec, LoadOptions.strict()).rows();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
