package org.align4j.cli.sft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftAndLoraCommandsTest {
    @TempDir static Path dir;

    @BeforeAll
    static void tokenizerAndModel() throws Exception {
        List<String> rows = new ArrayList<>();
        String[] words = {"fever", "cough", "rash", "headache", "nausea", "fatigue", "insomnia", "dizziness"};
        for (String w : words) {
            rows.add("{\"instruction\": \"What helps with " + w + "?\", \"output\": \"Rest, fluids, and see a doctor if "
                    + w + " lasts.\"}");
            rows.add("{\"instruction\": \"Is " + w + " serious?\", \"output\": \"Usually not; " + w
                    + " with red flags needs care.\"}");
        }
        Files.write(dir.resolve("sft.jsonl"), rows);
        TinyModels.onCorpus(dir, dir.resolve("sft.jsonl"), "bpe", 300, "llama", "base");
        Files.writeString(dir.resolve("sft.yaml"), String.join("\n",
                "model: " + dir.resolve("base"),
                "data:",
                "  train: " + dir.resolve("sft.jsonl"),
                "  validation_split: 0.25",
                "  max_length: 64",
                "lora:",
                "  r: 4",
                "  target_modules: [q_proj, v_proj]",
                "train:",
                "  output_dir: " + dir.resolve("run"),
                "  lr: 1.0e-2",
                "  batch_size: 4",
                "  max_steps: 4",
                "  log_every: 2",
                "  save_every: 2",
                ""));
    }

    @Test
    void sftTrainsWithLoraAndLoraMergeWritesAModelEqualToBasePlusAdapter() throws Exception {
        CliRunner.Result r = CliRunner.run("sft", "--config", dir.resolve("sft.yaml").toString(), "--set",
                "train.seed=9");
        r.succeeded();
        assertThat(r.out()).contains("configuration (").contains("seed: 9").contains("trainable params:")
                .contains("validation loss").contains("model written to");
        Path adapter = dir.resolve("run/final");
        assertThat(adapter.resolve("adapter_config.json")).exists();
        assertThat(dir.resolve("run/checkpoint-4/training_state/trainer_state.json")).exists();
        assertThat(dir.resolve("run/metrics.jsonl")).exists();

        CliRunner.Result m = CliRunner.run("lora", "merge", "--model", dir.resolve("base").toString(), "--adapter",
                adapter.toString(), "--out", dir.resolve("merged").toString());
        m.succeeded();
        assertThat(m.out()).contains("merged 4 LoRA adapters (r=4");
        assertThat(dir.resolve("merged/tokenizer.json")).exists();
        float[] adapted;
        float[] merged;
        try (NDManager nd = NDManager.newBaseManager()) {
            var ids = nd.create(new long[] {5, 17, 42, 8, 99, 3}, new Shape(1, 6));
            try (PretrainedModel base = HfCheckpoint.load(dir.resolve("base"));
                    LoraModel lora = PeftAdapter.load(base.module(), KeyMapping.forConfig(base.config()), adapter)) {
                adapted = base.causalLm().forward(ids, false).toFloatArray();
            }
            try (PretrainedModel mm = HfCheckpoint.load(dir.resolve("merged"))) {
                merged = mm.causalLm().forward(ids, false).toFloatArray();
            }
        }
        for (int i = 0; i < adapted.length; i++) {
            assertThat(Math.abs(merged[i] - adapted[i])).isLessThan(1e-5f);
        }
    }

    @Test
    void aBadValueEndsWithAnErrorNamingTheField() {
        CliRunner.Result r = CliRunner.run("sft", "--config", dir.resolve("sft.yaml").toString(), "--set",
                "train.lr=-1", "--set", "train.output_dir=" + dir.resolve("bad"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error:").contains("train.lr: must be a number > 0, got -1.0");
        CliRunner.Result u = CliRunner.run("sft", "--config", dir.resolve("sft.yaml").toString(), "--set", "trian.lr=1");
        assertThat(u.err()).contains("unknown key 'trian'");
    }

    @Test
    void exampleAndPrintConfigNeedNoTraining() {
        CliRunner.Result ex = CliRunner.run("sft", "--example");
        assertThat(ex.exitCode()).isZero();
        assertThat(ex.out()).contains("target_modules").contains("output_dir");
        CliRunner.Result pc = CliRunner.run("sft", "--config", dir.resolve("sft.yaml").toString(), "--print-config",
                "--set", "lora=null");
        assertThat(pc.exitCode()).isZero();
        assertThat(pc.out()).contains("lora: null");
    }
}
