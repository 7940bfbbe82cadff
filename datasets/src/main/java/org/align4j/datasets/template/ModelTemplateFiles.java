package org.align4j.datasets.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model directory says about its chat template, read the way transformers reads it:
 * {@code chat_template} in tokenizer_config.json (a string, or a list of {@code {name, template}} of which
 * "default" is used), else {@code chat_template.jinja}, else {@code chat_template.json}; the special tokens
 * the template sees as variables ({@code bos_token}, ...: a string or an added-token object with
 * {@code content}) from tokenizer_config.json and special_tokens_map.json; and align4j's own
 * {@code align4j_template} (the built-in template an align4j-trained model was trained with).
 *
 * @param dir the model directory
 * @param templates the model's Jinja templates by name ("default" for a single one); empty when it has none
 * @param origin the file the templates were read from
 * @param specialTokens the special tokens by transformers' variable name, as text
 * @param builtInName {@code align4j_template}, when present
 */
public record ModelTemplateFiles(Path dir, Map<String, String> templates, Path origin,
        Map<String, String> specialTokens, Optional<String> builtInName) {
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKEN_KEYS = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");

    /** Reads {@code dir}; a directory without any of the files has no templates and no special tokens. */
    public static ModelTemplateFiles read(Path dir) {
        Path configFile = dir.resolve(TOKENIZER_CONFIG);
        JsonNode config = readJson(configFile).orElseGet(JSON::createObjectNode);
        Map<String, String> templates = templates(configFile, config.get("chat_template"));
        Path origin = configFile;
        if (templates.isEmpty()) {
            Path jinja = dir.resolve("chat_template.jinja");
            Optional<String> text = readText(jinja);
            if (text.isPresent()) {
                templates = Map.of("default", text.get());
                origin = jinja;
            } else {
                Path json = dir.resolve("chat_template.json");
                Optional<JsonNode> node = readJson(json);
                if (node.isPresent()) {
                    templates = templates(json, node.get().get("chat_template"));
                    origin = json;
                }
            }
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        readJson(dir.resolve("special_tokens_map.json")).ifPresent(m -> putTokens(tokens, m));
        putTokens(tokens, config);
        JsonNode extra = config.get("extra_special_tokens");
        if (extra != null && extra.isObject()) {
            extra.properties().forEach(e -> tokenText(e.getValue()).ifPresent(t -> tokens.put(e.getKey(), t)));
        }
        JsonNode builtIn = config.get("align4j_template");
        Optional<String> builtInName = builtIn != null && builtIn.isTextual() ? Optional.of(builtIn.asText())
                : Optional.empty();
        return new ModelTemplateFiles(dir, templates, origin, tokens, builtInName);
    }

    /** The Jinja template transformers would use: the only one, or the one named "default". */
    public Optional<String> defaultTemplate() {
        if (templates.size() == 1) {
            return Optional.of(templates.values().iterator().next());
        }
        return Optional.ofNullable(templates.get("default"));
    }

    private static void putTokens(Map<String, String> tokens, JsonNode config) {
        for (String key : TOKEN_KEYS) {
            JsonNode n = config.get(key);
            if (n != null) {
                Optional<String> text = tokenText(n);
                if (text.isPresent()) {
                    tokens.put(key, text.get());
                } else if (n.isNull()) {
                    tokens.remove(key);
                }
            }
        }
    }

    private static Optional<String> tokenText(JsonNode n) {
        if (n.isTextual()) {
            return Optional.of(n.asText());
        }
        if (n.isObject() && n.path("content").isTextual()) {
            return Optional.of(n.get("content").asText());
        }
        return Optional.empty();
    }

    private static Map<String, String> templates(Path file, JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (node.isTextual()) {
            return Map.of("default", node.asText());
        }
        if (node.isArray()) {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode entry : node) {
                if (!entry.path("name").isTextual() || !entry.path("template").isTextual()) {
                    throw new ChatTemplateException(file + ": chat_template entries must be {\"name\": ..., "
                            + "\"template\": ...}, found " + entry);
                }
                out.put(entry.get("name").asText(), entry.get("template").asText());
            }
            return out;
        }
        throw new ChatTemplateException(file + ": chat_template must be a string or a list of {\"name\", \"template\"}"
                + " objects, found " + node.getNodeType());
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ChatTemplateException(file + ": cannot be read: " + e, e);
        }
    }

    private static Optional<JsonNode> readJson(Path file) {
        Optional<String> text = readText(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text.get());
            if (node == null || !node.isObject()) {
                throw new ChatTemplateException(file + ": must hold a JSON object");
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            throw new ChatTemplateException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
