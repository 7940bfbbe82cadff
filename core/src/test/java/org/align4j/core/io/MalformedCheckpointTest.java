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
import org.assertj.core.api.AbstractThrowableAssert;
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

    /** Loading {@code dir} fails with a message that contains every one of {@code fragments}. */
    private static void assertLoadFails(Path dir, String... fragments) {
        AbstractThrowableAssert<?, ? extends Throwable> failure = assertThatThrownBy(() -> HfCheckpoint.load(dir));
        for (String fragment : fragments) {
            failure.hasMessageContaining(fragment);
        }
    }

    @Test
    void missingConfigIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertLoadFails(dir, "no config.json");
    }

    @Test
    void unknownModelTypeIsNamed() throws IOException {
        assertLoadFails(copyWithConfig("t5", "\"gpt2\"", "\"t5\""),
                "model_type 't5' is not supported", "gpt2, llama, qwen2, bert");
    }

    @Test
    void missingRequiredConfigFieldIsNamed() throws IOException {
        assertLoadFails(copyWithConfig("nolayer", "\"n_layer\"", "\"n_layerx\""), "field 'n_layer' is missing");
    }

    @Test
    void shapeMismatchNamesTheKeyAndBothShapes() throws IOException {
        assertLoadFails(copyWithConfig("wide", "\"n_embd\" : 32", "\"n_embd\" : 64"),
                "transformer.", "has shape", "config expects");
    }

    @Test
    void missingTensorsAreListed() throws IOException {
        assertLoadFails(copyWithConfig("deeper", "\"n_layer\" : 2", "\"n_layer\" : 3"),
                "missing tensors", "transformer.h.2.attn.c_attn.weight");
    }

    @Test
    void unexpectedTensorsAreListed() throws IOException {
        assertLoadFails(copyWithConfig("shallower", "\"n_layer\" : 2", "\"n_layer\" : 1"),
                "unexpected tensors", "transformer.h.1.");
    }

    @Test
    void truncatedWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("trunc", "x", "x");
        byte[] bytes = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("model.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertLoadFails(dir, "truncated");
    }

    @Test
    void garbageWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("garbage", "x", "x");
        Files.write(dir.resolve("model.safetensors"), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 40).putLong(0).array());
        assertLoadFails(dir, "not a safetensors file");
    }

    @Test
    void badHeaderJsonIsReported() throws IOException {
        Path dir = copyWithConfig("badjson", "x", "x");
        byte[] header = "{not json}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header);
        Files.write(dir.resolve("model.safetensors"), b.array());
        assertLoadFails(dir, "header is not valid JSON");
    }

    @Test
    void missingWeightsFileIsReported() throws IOException {
        Path dir = copyWithConfig("noweights", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        assertLoadFails(dir, "no model.safetensors");
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Path dir = copyWithConfig("shards", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"transformer.wte.weight\": \"model-00001-of-00002.safetensors\"}}");
        assertLoadFails(dir, "lists shard 'model-00001-of-00002.safetensors', which is missing");
    }

    @Test
    void pickleCheckpointsAreRefusedWithAFix() throws IOException {
        Path dir = copyWithConfig("pickle", "x", "x");
        Files.delete(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        assertLoadFails(dir, "safe_serialization=True");
    }

    @Test
    void invalidConfigValueNamesTheField() throws IOException {
        assertLoadFails(copyWithConfig("heads", "\"n_head\" : 4", "\"n_head\" : 5"), "'n_head' = 5", "divide");
    }
}
