package org.align4j.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a new model needs from a tokenizer directory: the vocabulary size (largest id + 1 over the
 * model vocabulary and the added tokens) and the ids of its special tokens.
 */
record TokenizerInfo(int vocabSize, Integer bos, Integer eos, Integer pad) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TokenizerInfo read(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no tokenizer.json (train one with `align tokenizer train`)");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode vocab = root.path("model").path("vocab");
            if (!vocab.isObject()) {
                throw new IllegalArgumentException(file + ": field 'model.vocab' is missing or not an object");
            }
            int max = -1;
            for (JsonNode id : vocab) {
                max = Math.max(max, id.asInt());
            }
            java.util.Map<String, Integer> added = new java.util.HashMap<>();
            for (JsonNode t : root.path("added_tokens")) {
                max = Math.max(max, t.path("id").asInt());
                added.put(t.path("content").asText(), t.path("id").asInt());
            }
            JsonNode cfg = Files.isRegularFile(dir.resolve("tokenizer_config.json"))
                    ? JSON.readTree(dir.resolve("tokenizer_config.json").toFile()) : JSON.createObjectNode();
            return new TokenizerInfo(max + 1, id(cfg, "bos_token", vocab, added), id(cfg, "eos_token", vocab, added),
                    id(cfg, "pad_token", vocab, added));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Integer id(JsonNode cfg, String field, JsonNode vocab, java.util.Map<String, Integer> added) {
        JsonNode v = cfg.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String token = v.isObject() ? v.path("content").asText() : v.asText();
        if (added.containsKey(token)) {
            return added.get(token);
        }
        return vocab.has(token) ? vocab.get(token).asInt() : null;
    }

    void writeTokenIds(ObjectNode config) {
        if (bos != null) {
            config.put("bos_token_id", bos);
        }
        if (eos != null) {
            config.put("eos_token_id", eos);
        }
        if (pad != null) {
            config.put("pad_token_id", pad);
        }
    }
}
