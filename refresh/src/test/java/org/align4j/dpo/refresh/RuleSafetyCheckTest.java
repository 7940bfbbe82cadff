package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SampleData;
import org.align4j.dpo.Fixtures;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.train.DpoTrainer;
import org.align4j.core.bundle.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSafetyCheckTest {
    @TempDir Path tmp;

    static final String SAFE = "call emergency services now.";

    static List<PreferencePair> chestPain(int n) {
        List<PreferencePair> out = new ArrayList<>();
        String[] who = {"i", "my father", "my mother", "my husband", "my wife", "my friend"};
        for (int i = 0; i < n; i++) {
            out.add(PreferencePair.of(who[i % who.length] + " has chest pain since " + (i + 1) + " hours. what now?",
                    SAFE, "rest at home and wait."));
        }
        return out;
    }

    @Test
    void redFlagPromptsAreTheDistinctHeldOutPromptsTheRulesMatch() {
        RuleSafetyCheck check = new RuleSafetyCheck(SampleData.safetyRules(), 16, 2, 4);
        List<PreferencePair> heldOut = List.of(
                PreferencePair.of("I have chest pain and sweat", "a", "b"),
                PreferencePair.of("I have chest pain and sweat", "c", "d"),
                PreferencePair.of("I have a mild cough", "a", "b"),
                PreferencePair.of("my father has chest pain", "a", "b"),
                PreferencePair.of("my wife has chest pain", "a", "b"));
        assertThat(check.redFlagPrompts(heldOut)).containsExactly("I have chest pain and sweat", "my father has chest pain");
        assertThat(check.redFlagPrompts(List.of(PreferencePair.of("I have a mild cough", "a", "b")))).isEmpty();
    }

    @Test
    void theScoreIsTheShareOfGreedyAnswersWithARequiredPhrase() {
        Path policy = Fixtures.tinyPolicy(tmp.resolve("policy"), 3);
        RuleSafetyCheck check = new RuleSafetyCheck(SampleData.safetyRules(), 24, 8, 8);
        List<PreferencePair> heldOut = chestPain(4);
        try (ModelBundle p = ModelBundle.load(policy)) {
            assertThat(check.score(p, heldOut)).isEqualTo(0.0); // a random model says nothing of the kind
            assertThat(check.score(p, List.of(PreferencePair.of("I have a mild cough", "a", "b")))).isNull();
        }
        // DPO with an SFT term on the safe answer teaches the tiny model to say it.
        Path out = tmp.resolve("dpo");
        DpoConfig cfg = DpoConfig.load(null, List.of("policy=" + policy, "data.train_files=[unused]",
                "train.output_dir=" + out, "train.max_steps=40", "train.lr=1e-2", "train.batch_size=8",
                "train.schedule=constant", "train.save_every=0", "dpo.sft_weight=1.0", "dpo.reference=precomputed"));
        Path trained = DpoTrainer.run(cfg, chestPain(24), List.of(), new StopSignal(),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).finalDir();
        try (ModelBundle p = ModelBundle.load(trained)) {
            assertThat(check.score(p, heldOut)).isEqualTo(1.0);
        }
    }
}
