package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.sample.SampleData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    @TempDir static Path tmp;
    static Path policy;
    static Path other;
    static Path rm;
    static final List<PreferencePair> PAIRS = SampleData.pairsHeldOut().subList(0, 24);
    static final List<SftExample> SFT = SampleData.sftHeldOut().subList(0, 16);

    @BeforeAll
    static void models() {
        Path tok = TinyModels.tokenizer(tmp.resolve("tok"), SampleData.pairsTrain().subList(0, 300));
        policy = TinyModels.policy(tmp.resolve("policy"), tok, 1);
        other = TinyModels.sharpened(tmp.resolve("other"), TinyModels.policy(tmp.resolve("other0"), tok, 2), 40);
        rm = TinyModels.rewardModel(tmp, SampleData.pairsTrain().subList(0, 64));
    }

    static EvalSpec spec(Path model, Path reference, Path rewardModel) {
        return new EvalSpec(model, reference, rewardModel, PAIRS, SFT, 6, 8, 256, 4, 200, 5, 1.0);
    }

    static EvalReport run(EvalSpec spec) {
        return Evaluator.evaluate(spec, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void aModelAgainstItselfTiesEverywhere() {
        EvalReport r = run(spec(policy, policy, rm));
        // identical log-probs: every implicit-reward margin is exactly 0, and ties count half
        assertThat(r.preference().accuracy()).isEqualTo(0.5);
        assertThat(r.preference().margin()).isEqualTo(0.0);
        assertThat(r.generation().klToReference()).isCloseTo(0.0, within(1e-9));
        // identical greedy answers get identical scores: every prompt a tie
        assertThat(r.generation().meanReward()).isEqualTo(r.generation().referenceMeanReward());
        assertThat(r.generation().winRate().mean()).isEqualTo(0.5);
        assertThat(r.generation().winRate().low()).isEqualTo(0.5);
        assertThat(r.generation().winRate().high()).isEqualTo(0.5);
        assertThat(r.preference().pairs()).isEqualTo(24);
        assertThat(r.generation().prompts()).isEqualTo(6);
        assertThat(r.generation().lengthControlledWinRate()).isCloseTo(0.5, within(1e-9));
        // every pair ties, so both length groups score 0.5 and the groups add up to all pairs
        assertThat(r.preference().accuracyChosenLonger()).isEqualTo(0.5);
        assertThat(r.preference().accuracyChosenShorter()).isEqualTo(0.5);
        assertThat(r.preference().chosenShorterPairs()).isBetween(1, 23);
        assertThat(r.preference().perToken().accuracy()).isEqualTo(0.5);
        assertThat(r.preference().perToken().margin()).isEqualTo(0.0);
        assertThat(r.preference().perToken().accuracyChosenShorter()).isEqualTo(0.5);
        // within each pair type, too: no length gap, and it survives the JSON round trip
        LengthGap gap = r.preference().lengthGapWithinSource();
        assertThat(gap.gap()).isZero();
        assertThat(gap.strata()).isPositive();
        assertThat(EvalReport.fromJson(r.toJson()).preference().lengthGapWithinSource()).isEqualTo(gap);
        assertThat(EvalTable.render(Map.of("m", r))).contains("length gap within source");
    }

    @Test
    void theDistributionShiftSetsAreScoredWithTheSameMeasuresAndShownAsRows() {
        List<PreferencePair> independent = SampleData.pairsIndependent().subList(0, 10);
        EvalReport r = run(spec(other, policy, null).withLimits(2, 4)
                .withShift(Map.of("independent", independent)));
        EvalReport.Preference p = r.shift().get("independent");
        assertThat(p.pairs()).isEqualTo(10);
        assertThat(p.accuracy()).isBetween(0.0, 1.0);
        assertThat(p.beta()).isEqualTo(1.0);
        assertThat(r.safety().categories()).hasSize(SampleData.safetyRules().categories().size());
        int recognised = r.safety().categories().values().stream().mapToInt(CategorySafety::recognised).sum();
        assertThat(recognised).isGreaterThanOrEqualTo(r.safety().prompts());
        Map<String, EvalReport> cols = new LinkedHashMap<>();
        cols.put("dpo", r);
        assertThat(EvalTable.render(cols)).contains("preference accuracy [independent]")
                .contains("accuracy, chosen shorter [independent]").contains("accuracy, chosen longer");
        assertThat(EvalTable.safetyByCategory(cols)).contains("chest_pain").contains("/");
        assertThat(EvalReport.fromJson(r.toJson())).isEqualTo(r);
        assertThatThrownBy(() -> spec(policy, null, null).withShift(Map.of("empty", List.of())))
                .hasMessageContaining("\"empty\" has no pairs");
    }

    @Test
    void aSharperModelHasALargePositiveKlAndAWinRateWithinItsInterval() {
        EvalReport r = run(spec(other, policy, rm));
        // sampled from a peaked model, scored by a near-uniform one: log π − log π_ref is large on every token
        assertThat(r.generation().klToReference()).isGreaterThan(1.0);
        assertThat(r.generation().winRate().mean()).isBetween(r.generation().winRate().low(), r.generation().winRate().high());
        assertThat(r.generation().winRate().low()).isBetween(0.0, 1.0);
        assertThat(r.generation().winRate().high()).isBetween(0.0, 1.0);
        assertThat(r.preference().accuracy()).isBetween(0.0, 1.0);
        assertThat(r.preference().margin()).isNotZero();
    }

    @Test
    void aRandomModelsPerplexityIsAboutItsVocabularySizeAndTextMeasuresAreInRange() throws Exception {
        EvalReport r = run(spec(policy, null, null));
        int vocab;
        try (TextTokenizer t = TextTokenizer.load(policy)) {
            vocab = t.vocabSize();
        }
        // a freshly initialised model is close to uniform over its vocabulary
        assertThat(r.text().perplexity()).isBetween(0.5 * vocab, 2.0 * vocab);
        assertThat(r.text().rougeL()).isBetween(0.0, 1.0);
        assertThat(r.text().bleu()).isBetween(0.0, 100.0);
        // a random model's answers may hold no two words in a row: then distinct-2 is absent, never NaN
        assertThat(r.text().distinct2() == null || r.text().distinct2() > 0 && r.text().distinct2() <= 1).isTrue();
        assertThat(EvalReport.fromJson(r.toJson()).text().distinct2()).isEqualTo(r.text().distinct2());
        assertThat(r.toJson()).contains("\"distinct_2\"");
        assertThat(r.text().referenceHit5()).isBetween(0.0, 1.0);
        assertThat(r.text().answers()).isPositive();
        assertThat(EvalReport.fromJson(r.toJson()).text().referenceHit5()).isEqualTo(r.text().referenceHit5());
        assertThat(r.toJson()).contains("\"reference_hit_at_5\"");
        // a report written before the hit rate existed (--report NAME=FILE) still reads, without it
        String older = r.toJson().replaceAll("\"reference_hit_at_5\"\\s*:\\s*[0-9.eE-]+\\s*,", "");
        assertThat(older).doesNotContain("reference_hit_at_5");
        assertThat(EvalReport.fromJson(older).text().referenceHit5()).isNull();
        assertThat(r.preference().likelihoodAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.safety().passRate()).isBetween(0.0, 1.0);
        assertThat(r.safety().prompts()).isPositive();
        assertThat(r.safety().unflaggedPrompts()).isPositive();
        assertThat(r.safety().overTriage()).isBetween(0.0, 1.0);
        assertThat(r.toJson()).contains("\"over_triage\"", "\"unflagged_prompts\"");
        // a report written before over-triage was measured still reads, without it
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree =
                (ObjectNode) json.readTree(r.toJson());
        ((ObjectNode) tree.get("safety")).remove(List.of("over_triage", "unflagged_prompts"));
        assertThat(EvalReport.fromJson(json.writeValueAsString(tree)).safety().overTriage()).isNull();
        // without a reference or a reward model those measures are absent, not zero
        assertThat(r.preference().accuracy()).isNull();
        assertThat(r.generation().klToReference()).isNull();
        assertThat(r.generation().meanReward()).isNull();
        assertThat(r.generation().winRate()).isNull();
    }

    @Test
    void theReportReadsBackFromItsJsonAndRendersSideBySide() {
        EvalReport r = run(spec(policy, policy, null).withLimits(2, 4));
        EvalReport back = EvalReport.fromJson(r.toJson());
        assertThat(back).isEqualTo(r);
        assertThat(r.toJson()).contains("\"accuracy\" : 0.5").contains("\"beta\" : 1.0").contains("\"mean_reward\" : null");
        Map<String, EvalReport> cols = new LinkedHashMap<>();
        cols.put("sft", r);
        cols.put("dpo", r);
        String table = EvalTable.render(cols);
        assertThat(table.lines().findFirst().orElseThrow()).contains("sft").contains("dpo");
        assertThat(table).contains("preference accuracy").contains("0.500").contains("mean reward").contains("(β 1.0)");
        // per pair source: every pair ties against itself, so each source the pairs name scores 0.5 on both sides
        Map<String, Long> perSource = PAIRS.stream().collect(java.util.stream.Collectors.groupingBy(
                PreferencePair::source, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertThat(r.preference().bySource().keySet()).containsExactlyElementsOf(perSource.keySet());
        r.preference().bySource().forEach((source, a) -> {
            assertThat(a.pairs()).isEqualTo(perSource.get(source).intValue());
            assertThat(a.accuracy()).isEqualTo(0.5);
        });
        assertThat(r.toJson()).contains("\"by_source\"");
        assertThat(EvalTable.details(cols)).contains("safety by red-flag category")
                .contains("preference accuracy by pair source").contains(perSource.keySet().iterator().next())
                .contains("0.500 (");
        // a report written before by_source existed still reads, and its table leaves the section out
        String older = r.toJson().replaceAll(",\\s*\"by_source\"\\s*:\\s*\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}", "");
        assertThat(older).doesNotContain("by_source");
        EvalReport old = EvalReport.fromJson(older);
        assertThat(old.preference().bySource()).isNull();
        assertThat(EvalTable.bySource(Map.of("old", old))).isEmpty();
        assertThat(EvalTable.details(Map.of("old", old))).doesNotContain("by pair source");
    }

    @Test
    void badSpecsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> spec(tmp.resolve("missing"), null, null))
                .hasMessageContaining("model directory").hasMessageContaining("missing");
        assertThatThrownBy(() -> new EvalSpec(policy, null, null, List.of(), List.of(), 4, 8, 64, 4, 10, 0, 0.1))
                .hasMessageContaining("nothing to evaluate");
        assertThatThrownBy(() -> new EvalSpec(policy, null, null, PAIRS, SFT, 4, 64, 64, 4, 10, 0, 0.1))
                .hasMessageContaining("max length 64 must exceed max new tokens 64");
        assertThatThrownBy(() -> spec(policy, null, null).withBeta(0))
                .hasMessageContaining("beta must be a positive number, got 0.0");
    }
}
