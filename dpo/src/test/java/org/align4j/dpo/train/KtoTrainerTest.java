package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.ConfigException;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.Unpairing;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.config.DpoConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KTO through the DPO trainer: unpaired examples in, held-out pairs measured as DPO measures them. */
class KtoTrainerTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path policy;

    @BeforeAll
    static void policy() {
        policy = Fixtures.tinyPolicy(shared.resolve("policy"), 7);
    }

    private static String run(DpoConfig cfg, List<UnpairedExample> train) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            DpoTrainer.runKto(cfg, train, DpoTrainerTest.EVAL, new StopSignal(), out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ktoOnUnpairedThumbsLiftsHeldOutPreferenceAccuracy() {
        Path out = tmp.resolve("kto");
        List<String> o = Runs.base(policy, out, 12);
        o.addAll(List.of("dpo.loss=kto", "dpo.reference=precomputed", "train.eval_every=6"));
        String printed = run(Runs.config(o), Unpairing.fromPairs(DpoTrainerTest.TRAIN));
        assertThat(printed).contains("kto: 32 desirable, 32 undesirable examples").doesNotContain("warning");
        List<JsonNode> m = Runs.metrics(out);
        List<Double> acc = Runs.series(m, "eval_preference_accuracy");
        assertThat(acc.get(0)).isCloseTo(0.5, within(1e-9)); // policy = reference
        assertThat(acc.get(acc.size() - 1)).isGreaterThanOrEqualTo(0.8);
        List<Double> loss = Runs.series(m, "loss");
        assertThat(loss.get(0)).isCloseTo(0.5, within(1e-4)); // every example costs 1 − σ(0) at the reference
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(Runs.series(m, "kto/kl")).hasSize(12).allSatisfy(z -> assertThat(z).isGreaterThanOrEqualTo(0.0));
        assertThat(Runs.series(m, "kto/desirable_share")).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }

    @Test
    void unbalancedExplicitWeightsAreWarnedAboutWithTheFix() {
        List<UnpairedExample> train = new ArrayList<>();
        for (UnpairedExample e : Unpairing.fromPairs(DpoTrainerTest.TRAIN)) {
            if (e.desirable() || train.stream().filter(x -> !x.desirable()).count() < 8) {
                train.add(e);
            }
        }
        List<String> o = Runs.base(policy, tmp.resolve("skewed"), 1);
        o.addAll(List.of("dpo.loss=kto", "kto.undesirable_weight=1.0"));
        String printed = run(Runs.config(o), train);
        assertThat(printed).contains("kto: 32 desirable, 8 undesirable examples")
                .contains("warning: KTO class balance").contains("= 4.000").contains("set undesirable_weight to 4");
        List<String> balanced = Runs.base(policy, tmp.resolve("balanced"), 1);
        balanced.add("dpo.loss=kto");
        assertThat(run(Runs.config(balanced), train)).contains("undesirable_weight 4.000 (balanced from the counts)")
                .doesNotContain("warning");
    }

    @Test
    void aMicroBatchOfOneIsRefusedBecauseTheReferencePointNeedsOthers() {
        List<String> o = Runs.base(policy, tmp.resolve("one"), 1);
        o.addAll(List.of("dpo.loss=kto", "train.batch_size=1"));
        assertThatThrownBy(() -> Runs.config(o)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.batch_size: 1 is too small for KTO");
    }

    @Test
    void ktoNeedsTwoPromptsWithDifferentAnswers() {
        List<String> o = Runs.base(policy, tmp.resolve("tiny"), 1);
        o.add("dpo.loss=kto");
        assertThatThrownBy(() -> run(Runs.config(o), List.of(UnpairedExample.of("q", "a", true),
                UnpairedExample.of("q", "b", false))))
                .hasMessageContaining("at least two different prompts");
    }
}
