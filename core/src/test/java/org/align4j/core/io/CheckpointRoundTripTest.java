package org.align4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointRoundTripTest {
    @TempDir Path tmp;

    static float[] outputs(PretrainedModel m, NDManager nd) {
        NDArray ids = nd.create(new long[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, new Shape(2, 5));
        if ("bert".equals(m.config().modelType())) {
            return m.sequenceClassifier().forward(ids, null, null, false).toFloatArray();
        }
        return m.causalLm().forward(ids, false).toFloatArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "qwen2", "bert"})
    void savedModelLoadsWithIdenticalOutputs(String arch) {
        Engine.getInstance().setRandomSeed(7);
        ModelConfig config = ModelPresets.of(arch, "tiny", 50);
        try (PretrainedModel model = HfCheckpoint.initialize(config, null); NDManager nd = NDManager.newBaseManager()) {
            float[] before = outputs(model, nd);
            HfCheckpoint.save(model, tmp.resolve(arch));
            try (PretrainedModel loaded = HfCheckpoint.load(tmp.resolve(arch))) {
                assertThat(loaded.config()).isEqualTo(config);
                assertThat(outputs(loaded, nd)).containsExactly(before);
            }
        }
    }

    @Test
    void bf16AndShardedCheckpointsLoadAndMatchWithinBf16Precision() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        try (PretrainedModel model = HfCheckpoint.initialize(ModelPresets.of("llama", "tiny", 50), null);
                NDManager nd = NDManager.newBaseManager()) {
            float[] before = outputs(model, nd);
            HfCheckpoint.save(model, tmp.resolve("bf16"), TensorDType.BF16, 20_000, null);
            assertThat(tmp.resolve("bf16/model.safetensors.index.json")).exists();
            try (var files = Files.list(tmp.resolve("bf16"))) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith("model-0")).count()).isGreaterThan(1);
            }
            assertThat(Files.readString(tmp.resolve("bf16/config.json"))).contains("\"bfloat16\"");
            try (PretrainedModel loaded = HfCheckpoint.load(tmp.resolve("bf16"))) {
                float[] after = outputs(loaded, nd);
                for (int i = 0; i < before.length; i++) {
                    assertThat(after[i]).isCloseTo(before[i], org.assertj.core.data.Offset.offset(0.05f));
                }
            }
        }
    }

    @Test
    void savingReplacesAnExistingDirectoryOnlyWhenComplete() throws Exception {
        Engine.getInstance().setRandomSeed(3);
        Path dir = tmp.resolve("m");
        try (PretrainedModel model = HfCheckpoint.initialize(ModelPresets.of("gpt2", "tiny", 40), null)) {
            HfCheckpoint.save(model, dir);
            long size = Files.size(dir.resolve("model.safetensors"));
            RuntimeException boom = new RuntimeException("disk full");
            try {
                HfCheckpoint.save(model, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, d -> {
                    throw boom;
                });
            } catch (RuntimeException e) {
                assertThat(e).isSameAs(boom);
            }
            assertThat(Files.size(dir.resolve("model.safetensors"))).isEqualTo(size);
            try (var siblings = Files.list(tmp)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("m");
            }
        }
    }

    @Test
    void halfFloatConversionRoundTripsRepresentableValues() {
        for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.333251953125f}) {
            assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(f))).isEqualTo(f);
        }
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(1e6f))).isInfinite();
        assertThat(HalfFormat.BF16.fromFloat(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(HalfFormat.BF16.fromFloat(1.00390625f)).isEqualTo((short) 0x3F80); // tie → even
        assertThat(HalfFormat.BF16.toFloat((short) 0xC020)).isEqualTo(-2.5f);
        assertThat(HalfFormat.BF16.toFloat(HalfFormat.BF16.fromFloat(Float.NaN))).isNaN();
    }
}
