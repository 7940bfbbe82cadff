package org.align4j.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainerTest {
    @TempDir static Path shared;
    @TempDir Path tmp;
    static Path fixture;
    static Path base;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void makeFixture() throws Exception {
        fixture = SftFixture.create(shared.resolve("fx"), "gpt2");
        base = SftFixture.pretrainedBase(fixture);
    }

    private String lastLog = "";

    TrainingResult train(SftConfig cfg) {
        try {
            return new SftTrainer(cfg).run(new StopSignal(), out);
        } finally {
            lastLog = log.toString(StandardCharsets.UTF_8);
            System.out.print(lastLog); // into the surefire report, for diagnosis
            log.reset();
        }
    }

    static Map<String, float[]> weights(Path modelDir) {
        Map<String, float[]> w = new LinkedHashMap<>();
        try (PretrainedModel m = HfCheckpoint.load(modelDir)) {
            m.module().namedParameters().forEach((k, p) -> w.put(k, p.getArray().toFloatArray()));
        }
        return w;
    }

    @Test
    void fullFineTuningLowersValidationLossAndWritesAnHfModelWithTokenizerAndTemplate() throws Exception {
        TrainingResult r = train(SftFixture.config(fixture, "train.output_dir=" + tmp.resolve("full"), "train.lr=1e-2"));
        assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss() * 0.6);
        Path fin = tmp.resolve("full/final");
        assertThat(fin.resolve("model.safetensors")).exists();
        assertThat(fin.resolve("tokenizer.json")).exists();
        assertThat(new ObjectMapper().readTree(fin.resolve("tokenizer_config.json").toFile()).get("align4j_template")
                .asText()).isEqualTo("chatml");
        var gen = new ObjectMapper().readTree(fin.resolve("generation_config.json").toFile());
        try (var tok = org.align4j.core.tokenizer.TextTokenizer.load(fin)) {
            assertThat(gen.get("eos_token_id").get(0).asInt()).isEqualTo(tok.tokenId("<|im_end|>").getAsInt());
            assertThat(tok.special().isEos(tok.tokenId("<|im_end|>").getAsInt())).isTrue();
            assertThat(tok.special().isEos(tok.tokenId("<|endoftext|>").getAsInt())).isTrue();
        }
        String text = lastLog;
        assertThat(text).contains("trainable params:").contains("every parameter").contains("validation loss")
                .contains("peak memory");
        assertThat(weights(fin)).allSatisfy((k, v) -> assertThat(v).isNotEqualTo(weights(fixture.resolve("model")).get(k)));
    }

    @Test
    void loraTrainsOnlyAdaptersLowersValidationLossAndSavesAPeftAdapter() throws Exception {
        Map<String, float[]> baseBefore = weights(base);
        TrainingResult r = train(SftFixture.config(fixture, "model=" + base, "data.train=" + fixture.resolve("echo.jsonl"),
                "train.output_dir=" + tmp.resolve("lora"), "lora.r=8", "lora.alpha=16",
                "lora.target_modules=c_attn,c_fc", "train.lr=1e-2", "train.max_steps=20"));
        assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss() * 0.8);
        assertThat(weights(base)).allSatisfy((k, v) -> assertThat(v).as(k).containsExactly(baseBefore.get(k)));
        Path fin = tmp.resolve("lora/final");
        assertThat(fin.resolve("adapter_config.json")).exists();
        assertThat(fin.resolve("model.safetensors")).doesNotExist();
        var tensors = SafeTensorsFile.open(fin.resolve("adapter_model.safetensors")).tensors();
        assertThat(tensors).hasSize(8).containsKey("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight");
        assertThat(lastLog).contains("LoRA adapters only");
        // every adapter matrix changed from its initial value (B from zero; A once B is non-zero)
        try (var st = new AutoCloseableFile(fin)) {
            tensors.keySet().stream().filter(k -> k.contains("lora_B")).forEach(k -> assertThat(st.absMax(k))
                    .as(k).isGreaterThan(0f));
        }
    }

    @Test
    void loraInFp16HalfPrecisionLowersValidationLossAndSavesFloat32Adapters() throws Exception {
        TrainingResult r = train(SftFixture.config(fixture, "model=" + base, "data.train=" + fixture.resolve("echo.jsonl"),
                "train.output_dir=" + tmp.resolve("lora16"), "lora.r=8", "lora.alpha=16",
                "lora.target_modules=c_attn,c_fc", "train.lr=1e-2", "train.max_steps=20", "train.precision=fp16"));
        assertThat(r.lastEvalLoss()).isLessThan(r.firstEvalLoss() * 0.8);
        assertThat(lastLog).contains("precision fp16");
        Path fin = tmp.resolve("lora16/final");
        var tensors = SafeTensorsFile.open(fin.resolve("adapter_model.safetensors")).tensors();
        assertThat(tensors).hasSize(8);
        try (var st = new AutoCloseableFile(fin)) {
            tensors.keySet().stream().filter(k -> k.contains("lora_B")).forEach(k -> assertThat(st.absMax(k))
                    .as(k).isGreaterThan(0f));
        }
    }

    /** Reads adapter tensors for assertions. */
    record AutoCloseableFile(Path dir) implements AutoCloseable {
        float absMax(String key) {
            try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
                return SafeTensorsFile.open(dir.resolve("adapter_model.safetensors")).load(key, m).abs().max().getFloat();
            }
        }

        @Override
        public void close() {}
    }

    @Test
    void aLoraRunStoppedByCtrlCResumesToTheAdapterOfAnUninterruptedRun() throws Exception {
        // adam_eps 1e-4: Adam divides by |g| + ε, so with the default 1e-8 a near-zero gradient element whose
        // last bit differs (kernel rounding) flips a whole lr-sized update; a resume bug still moves it by far more
        String[] sets = {"lora.r=4", "lora.dropout=0.1", "train.max_steps=8", "train.save_every=3",
            "train.eval_every=4", "train.grad_accum=2", "train.batch_size=4", "train.adam_eps=1e-4"};
        train(SftFixture.config(fixture, append(sets, "train.output_dir=" + tmp.resolve("a"))));
        // Ctrl-C as soon as checkpoint-3 is reported: the loop stops at the next step boundary.
        StopSignal signal = new StopSignal();
        PrintStream watcher = new PrintStream(new java.io.OutputStream() {
            private final StringBuilder seen = new StringBuilder();

            @Override
            public void write(int b) {
                seen.append((char) b);
                if (seen.indexOf("checkpoint-3") >= 0) {
                    signal.requestStop();
                }
            }
        }, true, StandardCharsets.UTF_8);
        TrainingResult first = new SftTrainer(SftFixture.config(fixture, append(sets, "train.output_dir="
                + tmp.resolve("b")))).run(signal, watcher);
        assertThat(first.interrupted()).isTrue();
        assertThat(first.steps()).isEqualTo(3);
        assertThat(tmp.resolve("b/final")).doesNotExist();
        train(SftFixture.config(fixture, append(append(sets, "train.output_dir=" + tmp.resolve("b")), "train.resume=true")));
        assertThat(lastLog).contains("resuming from").contains("checkpoint-3");
        assertAdaptersClose(tmp.resolve("a/final"), tmp.resolve("b/final"));
    }

    static String[] append(String[] a, String s) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = s;
        return out;
    }

    static void assertAdaptersClose(Path a, Path b) {
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            SafeTensorsFile fa = SafeTensorsFile.open(a.resolve("adapter_model.safetensors"));
            SafeTensorsFile fb = SafeTensorsFile.open(b.resolve("adapter_model.safetensors"));
            assertThat(fb.tensors().keySet()).isEqualTo(fa.tensors().keySet());
            for (String k : fa.tensors().keySet()) {
                float diff = fa.load(k, m).sub(fb.load(k, m)).abs().max().getFloat();
                assertThat(diff).as(k).isLessThanOrEqualTo(1e-6f);
            }
        }
    }

    @Test
    void badConfigurationValuesAreErrorsNamingTheField() {
        assertThatThrownBy(() -> train(SftFixture.config(fixture, "data.max_length=4096")))
                .hasMessageContaining("data.max_length: 4096 exceeds the model's 128 positions");
        assertThatThrownBy(() -> SftFixture.config(fixture, "data.template=llama3"))
                .hasMessageContaining("data.template: must be one of [chatml, alpaca, plain]");
        assertThatThrownBy(() -> SftFixture.config(fixture, "lora.r=0")).hasMessageContaining("lora.r: must be > 0");
        assertThatThrownBy(() -> train(SftFixture.config(fixture, "data.train=" + tmp.resolve("missing.jsonl"))))
                .hasMessageContaining("data.train: no such file");
        assertThatThrownBy(() -> train(SftFixture.config(fixture, "lora.target_modules=q_proj")))
                .hasMessageContaining("'q_proj' matches no linear layer");
        assertThatThrownBy(() -> new SftTrainer(new SftConfig(null, SftDataConfig.defaults(), null,
                org.align4j.core.train.config.TrainConfig.defaults(), "f32"))).hasMessageContaining("model: must be set");
    }

    @Test
    void aMalformedDataRowStopsTheRunNamingFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, SftFixture.rows(0, 2).get(0) + "\n{\"instruction\": \"x\"}\n");
        assertThatThrownBy(() -> train(SftFixture.config(fixture, "data.train=" + bad)))
                .hasMessageContaining("bad.jsonl:2");
    }
}
