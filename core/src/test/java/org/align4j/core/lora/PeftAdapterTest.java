package org.align4j.core.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftAdapterTest {
    @TempDir Path tmp;

    @Test
    void savedAdapterHasPeftConfigAndKeysAndLoadsBackWithIdenticalOutputs() throws Exception {
        LoraModelTest helper = new LoraModelTest();
        try (NDManager nd = NDManager.newBaseManager(); PretrainedModel m = LoraModelTest.tiny("gpt2")) {
            float[] adapted;
            try (LoraModel lora = LoraModel.apply(m.module(), KeyMapping.forConfig(m.config()),
                    new LoraConfig(4, 8, 0.05, List.of("c_attn", "c_fc")))) {
                LoraModelTest.randomizeB(lora, nd);
                adapted = helper.logits(m);
                PeftAdapter.save(lora, tmp, "CAUSAL_LM", "models/tiny-gpt2");
            }
            JsonNode cfg = new ObjectMapper().readTree(tmp.resolve(PeftAdapter.CONFIG).toFile());
            assertThat(cfg.get("peft_type").asText()).isEqualTo("LORA");
            assertThat(cfg.get("task_type").asText()).isEqualTo("CAUSAL_LM");
            assertThat(cfg.get("r").asInt()).isEqualTo(4);
            assertThat(cfg.get("lora_alpha").isIntegralNumber()).isTrue();
            assertThat(cfg.get("lora_alpha").asInt()).isEqualTo(8);
            assertThat(cfg.get("fan_in_fan_out").asBoolean()).isTrue();
            assertThat(cfg.get("target_modules").toString()).isEqualTo("[\"c_attn\",\"c_fc\"]");
            assertThat(cfg.get("base_model_name_or_path").asText()).isEqualTo("models/tiny-gpt2");
            assertThat(SafeTensorsFile.open(tmp.resolve(PeftAdapter.WEIGHTS)).tensors().keySet())
                    .contains("base_model.model.transformer.h.1.mlp.c_fc.lora_B.weight")
                    .hasSize(8);
            assertThat(helper.logits(m)).isNotEqualTo(adapted); // adapters detached on close
            try (LoraModel loaded = PeftAdapter.load(m.module(), KeyMapping.forConfig(m.config()), tmp)) {
                assertThat(loaded.layers()).hasSize(4);
                assertThat(helper.logits(m)).containsExactly(adapted);
            }
        } finally {
            helper.close();
        }
    }

    @Test
    void unsupportedPeftVariantsAreRejectedNamingTheField() throws Exception {
        Files.writeString(tmp.resolve(PeftAdapter.CONFIG), "{\"peft_type\": \"LORA\", \"r\": 4, \"lora_alpha\": 8, "
                + "\"use_dora\": true}");
        assertThatThrownBy(() -> PeftAdapter.readConfig(tmp)).hasMessageContaining("use_dora");
        Files.writeString(tmp.resolve(PeftAdapter.CONFIG), "{\"peft_type\": \"IA3\"}");
        assertThatThrownBy(() -> PeftAdapter.readConfig(tmp)).hasMessageContaining("only LORA");
    }
}
