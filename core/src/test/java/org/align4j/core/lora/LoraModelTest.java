package org.align4j.core.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoraModelTest {
    private final NDManager nd = NDManager.newBaseManager();

    @AfterEach
    void close() {
        nd.close();
    }

    static PretrainedModel tiny(String arch) {
        Engine.getInstance().setRandomSeed(3);
        return HfCheckpoint.initialize(ModelPresets.of(arch, "tiny", 40), null);
    }

    /** An untied Llama, so that it has an lm_head Dense. */
    static PretrainedModel untiedLlama() {
        Engine.getInstance().setRandomSeed(4);
        ModelConfig c = new LlamaConfig("llama", 40, 32, 64, 2, 4, 2, 8, 64, 1e-6, 10_000.0, false, false, false,
                "silu", 0.0, 0.02);
        return HfCheckpoint.initialize(c, null);
    }

    float[] logits(PretrainedModel m) {
        NDArray ids = nd.create(new long[] {1, 5, 7, 2, 9, 3, 3, 8}, new Shape(2, 4));
        try (NDManager step = NDManager.newBaseManager()) {
            return m.causalLm().forward(step.create(ids.toLongArray(), ids.getShape()), false).toFloatArray();
        }
    }

    static void randomizeB(LoraModel lora, NDManager nd) {
        lora.layers().values().forEach(l -> nd.randomNormal(0f, 0.5f, l.loraB().getArray().getShape(), DataType.FLOAT32)
                .copyTo(l.loraB().getArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "qwen2"})
    void freshAdaptersWithBAtZeroLeaveTheOutputsUnchanged(String arch) {
        try (PretrainedModel m = tiny(arch)) {
            float[] before = logits(m);
            try (LoraModel lora = LoraModel.apply(m.module(), KeyMapping.forConfig(m.config()), LoraConfig.defaults())) {
                assertThat(lora.layers()).isNotEmpty();
                lora.layers().values().forEach(l ->
                        assertThat(l.loraB().getArray().abs().max().getFloat()).isZero());
                assertThat(logits(m)).containsExactly(before);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "qwen2"})
    void mergedWeightsGiveTheUnmergedOutputsAndDisabledAdaptersTheBaseOutputs(String arch) {
        try (PretrainedModel m = tiny(arch)) {
            float[] base = logits(m);
            LoraModel lora = LoraModel.apply(m.module(), KeyMapping.forConfig(m.config()),
                    new LoraConfig(4, 8, 0.1, List.of(LoraConfig.ALL_LINEAR)));
            randomizeB(lora, nd);
            float[] adapted = logits(m);
            assertThat(maxDiff(adapted, base)).isGreaterThan(1e-3f);
            lora.setEnabled(false);
            assertThat(logits(m)).containsExactly(base);
            lora.setEnabled(true);
            lora.merge();
            float[] merged = logits(m);
            assertThat(maxDiff(merged, adapted)).isLessThan(1e-5f);
        }
    }

    static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void adapterParametersCarryPeftKeyNamesAndShapes() {
        try (PretrainedModel g = tiny("gpt2");
                LoraModel lora = LoraModel.apply(g.module(), KeyMapping.forConfig(g.config()),
                        new LoraConfig(2, 4, 0, List.of("c_attn")))) {
            assertThat(lora.namedParameters().keySet()).containsExactly(
                    "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
                    "base_model.model.transformer.h.0.attn.c_attn.lora_B.weight",
                    "base_model.model.transformer.h.1.attn.c_attn.lora_A.weight",
                    "base_model.model.transformer.h.1.attn.c_attn.lora_B.weight");
            // Conv1D c_attn: in 32, out 96; A (r, in), B (out, r) as PEFT with fan_in_fan_out
            assertThat(lora.namedParameters().get("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight")
                    .getArray().getShape()).isEqualTo(new Shape(2, 32));
            assertThat(lora.namedParameters().get("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight")
                    .getArray().getShape()).isEqualTo(new Shape(96, 2));
            assertThat(lora.fanInFanOut()).isTrue();
        }
        try (PretrainedModel l = tiny("llama");
                LoraModel lora = LoraModel.apply(l.module(), KeyMapping.forConfig(l.config()),
                        new LoraConfig(2, 4, 0, List.of("q_proj", "v_proj")))) {
            assertThat(lora.namedParameters()).containsKey("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
                    .containsKey("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight")
                    .hasSize(8);
            assertThat(lora.fanInFanOut()).isFalse();
        }
    }

    @Test
    void allLinearTargetsEveryLinearLayerButTheOutputHead() {
        try (PretrainedModel m = untiedLlama()) {
            List<String> targets = LoraModel.targets(m.module(), List.of(LoraConfig.ALL_LINEAR));
            assertThat(targets).hasSize(2 * 7).doesNotContain("lm_head").contains("layers.1.mlp.down_proj");
        }
    }

    @Test
    void aTargetThatMatchesNothingIsAnErrorListingTheLayers() {
        try (PretrainedModel m = tiny("gpt2")) {
            assertThatThrownBy(() -> LoraModel.targets(m.module(), List.of("q_proj")))
                    .hasMessageContaining("'q_proj' matches no linear layer")
                    .hasMessageContaining("c_attn");
        }
    }

    @Test
    void onlyAdaptersReceiveGradientsAndTheBaseIsFrozen() {
        try (PretrainedModel m = tiny("llama");
                LoraModel lora = LoraModel.apply(m.module(), KeyMapping.forConfig(m.config()), LoraConfig.defaults())) {
            randomizeB(lora, nd);
            try (NDManager step = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray ids = step.create(new long[] {1, 2, 3, 4}, new Shape(1, 4));
                gc.backward(m.causalLm().forward(ids, true).sum());
            }
            m.module().namedParameters().forEach((n, p) -> assertThat(p.getArray().hasGradient()).as(n).isFalse());
            lora.namedParameters().forEach((n, p) -> {
                try (NDArray g = org.align4j.core.train.Gradients.of(p.getArray())) {
                    assertThat(g).as(n).isNotNull();
                    assertThat(g.abs().sum().getFloat()).as(n).isGreaterThan(0f);
                }
            });
            assertThat(lora.trainableParameters()).hasSize(lora.namedParameters().size());
        }
    }

    @Test
    void scaleIsAlphaOverR() {
        assertThat(new LoraConfig(8, 16, 0, List.of("x")).scale()).isCloseTo(2.0, within(1e-12));
    }
}
