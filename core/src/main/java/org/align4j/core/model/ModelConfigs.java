package org.align4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@code config.json} into the right {@link ModelConfig}, and writes one back. */
public final class ModelConfigs {
    public static final String FILE = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigs() {}

    /** The raw JSON of {@code dir/config.json}. */
    public static ObjectNode readJson(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + FILE + " (is this a Hugging Face model directory?)");
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException(file + ": must hold a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    public static ModelConfig read(Path dir) {
        return parse(readJson(dir), dir.resolve(FILE).toString());
    }

    /** Parses a config by its {@code model_type}. */
    public static ModelConfig parse(JsonNode json, String source) {
        ConfigJson c = new ConfigJson(json, source);
        String type = c.optString("model_type", null);
        if (type == null) {
            throw new IllegalArgumentException(source + ": field 'model_type' is missing (expected gpt2, llama, qwen2 or bert)");
        }
        try {
            return switch (type) {
                case "gpt2" -> Gpt2Config.read(c);
                case "llama", "qwen2" -> LlamaConfig.read(c, type);
                case "bert" -> BertConfig.read(c);
                default -> throw new IllegalArgumentException(source + ": model_type '" + type
                        + "' is not supported (supported: gpt2, llama, qwen2, bert)");
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The config as JSON: {@code base}'s extra fields (token ids, …) kept, architecture fields overwritten. */
    public static ObjectNode toJson(ModelConfig config, ObjectNode base) {
        ObjectNode n = base == null ? JSON.createObjectNode() : base.deepCopy();
        ArrayNode arch = n.putArray("architectures");
        arch.add(config.architecture());
        n.put("model_type", config.modelType());
        config.writeTo(n);
        n.put("torch_dtype", "float32");
        if (!n.has("transformers_version")) {
            n.put("transformers_version", "4.46.0");
        }
        return n;
    }
}
