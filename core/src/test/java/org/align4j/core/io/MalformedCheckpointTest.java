package org.align4j.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed checkpoint gives an error that names the problem, the file or the key. */
class MalformedCheckpointTest {
    @TempDir Path tmp;
    Path good;

    @BeforeEach
    void writeGoodCheckpoint() {
        Engine.getInstance().setRandomSeed(1);
        good = tmp.resolve("good");
        try (PretrainedModel m = HfCheckpoint.initialize(ModelPresets.of("gpt2", "tiny", 30), null)) {
            HfCheckpoint.save(m, good);
        }
    }

    private Path copyWithConfig(String name, String find, String replace) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(good.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), Files.readString(good.resolve("config.json")).replace(find, replace));
        return dir;
    }

    @Test
    void missingConfigIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("no config.json");
    }

    @Test
    void unknownModelTypeIsNamed() throws IOException {
        Path dir = copyWithConfig("t5", "\"gpt2\"", "\"t5\"");
        assertThatThrownBy(() -> HfCheckpoint.load(dir))
                .hasMessageContaining("model_type 't5' is not supported").hasMessageContaining("gpt2, llama, qwen2, bert");
    }

    @Test
    void missingRequiredConfigFieldIsNamed() throws IOException {
        Path dir = copyWithConfig("nolayer", "\"n_layer\"", "\"n_layerx\"");
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("field 'n_layer' is missing");
    }

    @Test
    void shapeMismatchNamesTheKeyAndBothShapes() throws IOException {
        Path dir = copyWithConfig("wide", "\"n_embd\" : 32", "\"n_embd\" : 64");
        assertThatThrownBy(() -> HfCheckpoint.load(dir))
                .hasMessageContaining("transformer.").hasMessageContaining("has shape").hasMessageContaining("config expects");
    }

    @Test
    void missingTensorsAreListed() throws IOException {
        Path dir = copyWithConfig("deeper", "\"n_layer\" : 2", "\"n_layer\" : 3");
        assertThatThrownBy(() -> HfCheckpoint.load(dir))
                .hasMessageContaining("missing tensors").hasMessageContaining("transformer.h.2.attn.c_attn.weight");
    }

    @Test
    void unexpectedTensorsAreListed() throws IOException {
        Path dir = copyWithConfig("shallower", "\"n_layer\" : 2", "\"n_layer\" : 1");
        assertThatThrownBy(() -> HfCheckpoint.load(dir))
                .hasMessageContaining("unexpected tensors").hasMessageContaining("transformer.h.1.");
    }

    @Test
    void truncatedWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("trunc", "x", "x");
        byte[] bytes = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("model.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("truncated");
    }

    @Test
    void garbageWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("garbage", "x", "x");
        Files.write(dir.resolve("model.safetensors"), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 40).putLong(0).array());
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("not a safetensors file");
    }

    @Test
    void badHeaderJsonIsReported() throws IOException {
        Path dir = copyWithConfig("badjson", "x", "x");
        byte[] header = "{not json}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header);
        Files.write(dir.resolve("model.safetensors"), b.array());
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("header is not valid JSON");
    }

    @Test
    void missingWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("noweights", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("no model.safetensors");
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Path dir = copyWithConfig("shards", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"transformer.wte.weight\": \"model-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> HfCheckpoint.load(dir))
                .hasMessageContaining("lists shard 'model-00001-of-00002.safetensors', which is missing");
    }

    @Test
    void pickleCheckpointsAreRefusedWithAFix() throws IOException {
        Path dir = copyWithConfig("pickle", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("safe_serialization=True");
    }

    @Test
    void invalidConfigValueNamesTheField() throws IOException {
        Path dir = copyWithConfig("heads", "\"n_head\" : 4", "\"n_head\" : 5");
        assertThatThrownBy(() -> HfCheckpoint.load(dir)).hasMessageContaining("'n_head' = 5").hasMessageContaining("divide");
    }
}
