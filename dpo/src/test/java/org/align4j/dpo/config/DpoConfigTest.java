package org.align4j.dpo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.config.BundledText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpoConfigTest {
    @TempDir Path tmp;

    Path example(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), BundledText.read(DpoConfig.class, "/" + name));
    }

    @Test
    void theDocumentedExampleLoads() throws IOException {
        DpoConfig d = DpoConfig.load(example("dpo.example.yaml"), List.of());
        assertThat(d.dpo().referenceMode()).isEqualTo(ReferenceMode.PRECOMPUTED);
        assertThat(d.lora().r()).isEqualTo(16);
        assertThat(d.data().evalFiles()).containsExactly("data/pairs-heldout.jsonl");
    }

    @Test
    void theReferenceFollowsTheLossUnlessSet() {
        assertThat(DpoLossConfig.defaults().referenceMode()).isEqualTo(ReferenceMode.MODEL);
        assertThat(new DpoLossConfig("simpo", 2, 0, 0.5, 0.1, 0, "auto").referenceMode()).isEqualTo(ReferenceMode.NONE);
        assertThat(new DpoLossConfig("ipo", 0.1, 0, 0.5, 0.1, 0, "precomputed").referenceMode())
                .isEqualTo(ReferenceMode.PRECOMPUTED);
    }

    @Test
    void badSettingsNameTheFieldTheValueAndTheFix() {
        List<String> ok = List.of("policy=p", "data.train_files=[a.jsonl]");
        assertThat(DpoConfig.load(null, ok).policy()).isEqualTo("p");
        assertThatThrownBy(() -> DpoConfig.load(null, List.of("data.train_files=[a.jsonl]")))
                .hasMessageContaining("policy: must be set");
        assertThatThrownBy(() -> DpoConfig.load(null, List.of("policy=p"))).hasMessageContaining("train_files")
                .hasMessageContaining("db");
        assertThatThrownBy(() -> load(ok, "dpo.betta=0.2")).hasMessageContaining("unknown key 'dpo.betta'");
        assertThatThrownBy(() -> load(ok, "dpo.loss=rso")).hasMessageContaining("dpo.loss")
                .hasMessageContaining("[sigmoid, ipo, hinge, simpo, orpo, kto]");
        assertThatThrownBy(() -> load(ok, "dpo.loss=kto", "kto.undesirable_up_to=4"))
                .hasMessageContaining("kto.undesirable_up_to: 4.0 must be below kto.desirable_from (4.0)");
        assertThatThrownBy(() -> load(ok, "dpo.beta=0")).hasMessageContaining("dpo.beta");
        assertThatThrownBy(() -> load(ok, "dpo.loss=simpo", "dpo.reference=model"))
                .hasMessageContaining("dpo.reference").hasMessageContaining("none");
        assertThatThrownBy(() -> load(ok, "dpo.reference=none")).hasMessageContaining("compares the policy with a reference")
                .hasMessageContaining("precomputed");
        assertThatThrownBy(() -> load(ok, "dpo.loss=ipo", "dpo.label_smoothing=0.1"))
                .hasMessageContaining("label_smoothing").hasMessageContaining("sigmoid loss only");
        assertThatThrownBy(() -> load(ok, "dpo.label_smoothing=0.5")).hasMessageContaining("[0, 0.5)");
        assertThatThrownBy(() -> load(ok, "dpo.loss=orpo", "dpo.sft_weight=1")).hasMessageContaining("sft_weight")
                .hasMessageContaining("already");
        assertThatThrownBy(() -> load(ok, "data.eval_files=[e.jsonl]")).hasMessageContaining("eval_fraction");
        assertThatThrownBy(() -> load(ok, "data.template=llama3")).hasMessageContaining("data.template");
    }

    @Test
    void sourceWeightsArePositiveNumbersPerSourceAndEmptyByDefault() {
        List<String> ok = List.of("policy=p", "data.train_files=[a.jsonl]");
        assertThat(DpoConfig.load(null, ok).data().sourceWeights()).isEmpty();
        assertThat(load(ok, "data.source_weights={gen/terse: 4.0, gen/vague: 0.5}").data().sourceWeights())
                .containsExactly(Map.entry("gen/terse", 4.0), Map.entry("gen/vague", 0.5));
        assertThatThrownBy(() -> load(ok, "data.source_weights={gen/terse: 0}"))
                .hasMessageContaining("source_weights.gen/terse: must be a number > 0, got 0.0");
        assertThatThrownBy(() -> load(ok, "data.source_weights={gen/terse: -2}"))
                .hasMessageContaining("source_weights.gen/terse");
    }

    @Test
    void lengthNormalisationAndTheKlBudgetAreCheckedWhereTheyApply() {
        List<String> ok = List.of("policy=p", "data.train_files=[a.jsonl]");
        DpoConfig c = load(ok, "dpo.length_normalize=true", "dpo.beta=2", "dpo.kl_budget=20",
                "dpo.stop_on_kl_budget=true");
        assertThat(c.dpo().lengthNormalize()).isTrue();
        assertThat(c.dpo().budget().nats()).isEqualTo(20.0);
        assertThat(c.dpo().budget().stop()).isTrue();
        assertThat(DpoConfig.load(null, ok).dpo().budget().isSet()).isFalse();
        assertThat(DpoConfig.load(null, ok).dpo().klPrompts()).isEqualTo(16);
        assertThatThrownBy(() -> load(ok, "dpo.loss=simpo", "dpo.length_normalize=true"))
                .hasMessageContaining("length_normalize").hasMessageContaining("averages over tokens already");
        assertThatThrownBy(() -> load(ok, "dpo.kl_budget=-3")).hasMessageContaining("kl_budget: must be >= 0");
        assertThatThrownBy(() -> load(ok, "dpo.stop_on_kl_budget=true")).hasMessageContaining("needs a kl_budget");
        assertThatThrownBy(() -> load(ok, "dpo.kl_budget=20", "dpo.kl_prompts=0")).hasMessageContaining("kl_prompts");
    }

    private static DpoConfig load(List<String> base, String... more) {
        List<String> o = new java.util.ArrayList<>(base);
        o.addAll(List.of(more));
        return DpoConfig.load(null, o);
    }
}
