package org.align4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes and reads the tokenizer files of a model directory in the layout Hugging Face transformers
 * loads with {@code AutoTokenizer.from_pretrained(dir)}: {@code tokenizer.json},
 * {@code tokenizer_config.json} ({@code tokenizer_class} PreTrainedTokenizerFast, {@code model_max_length},
 * the role tokens, {@code added_tokens_decoder}, and optionally {@code chat_template} plus align4j's
 * {@code align4j_template} name) and {@code special_tokens_map.json}. Every file is written to a temporary
 * file and renamed into place.
 */
public final class TokenizerFiles {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String CHAT_TEMPLATE_KEY = "chat_template";
    public static final String TEMPLATE_NAME_KEY = "align4j_template";
    /** Hugging Face stores "no length limit" as int(1e30). */
    private static final double HF_NO_LIMIT = 1e29;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TokenizerFiles() {}

    /** Writes {@code tokenizer.json}, {@code tokenizer_config.json} and {@code special_tokens_map.json}. */
    public static void write(Path dir, TrainedTokenizer t) {
        TrainerConfig c = t.config();
        ObjectNode config = F.objectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("model_max_length", c.modelMaxLength());
        // transformers' default clean-up would turn " ," into "," and break byte-level round trips.
        config.put("clean_up_tokenization_spaces", c.kind() == TokenizerKind.WORDPIECE);
        ObjectNode map = F.objectNode();
        c.roles().byConfigKey().forEach((k, v) -> {
            config.put(k, v);
            map.put(k, v);
        });
        if (!c.extraSpecialTokens().isEmpty()) {
            var inConfig = config.putArray("additional_special_tokens");
            var inMap = map.putArray("additional_special_tokens");
            c.extraSpecialTokens().forEach(s -> {
                inConfig.add(s);
                inMap.add(s);
            });
        }
        ObjectNode decoder = config.putObject("added_tokens_decoder");
        for (String s : c.specialTokens()) {
            int id = t.tokenId(s).orElseThrow();
            ObjectNode e = decoder.putObject(Integer.toString(id));
            e.put("content", s);
            e.put("lstrip", false);
            e.put("normalized", false);
            e.put("rstrip", false);
            e.put("single_word", false);
            e.put("special", true);
        }
        JsonFiles.writeAtomically(dir.resolve(TOKENIZER_JSON), t.tokenizerJson().getBytes(StandardCharsets.UTF_8));
        JsonFiles.writeAtomically(dir.resolve(TOKENIZER_CONFIG), JsonFiles.pretty(config));
        JsonFiles.writeAtomically(dir.resolve(SPECIAL_TOKENS_MAP), JsonFiles.pretty(map));
    }

    /**
     * Sets {@code chat_template} and {@code align4j_template} in the directory's tokenizer_config.json,
     * keeping every other key (the file is created when missing). A {@code null} argument removes the key.
     */
    public static void writeChatTemplate(Path dir, String chatTemplate, String templateName) {
        Path file = dir.resolve(TOKENIZER_CONFIG);
        ObjectNode config = JsonFiles.readIfPresent(file).map(ObjectNode.class::cast).orElseGet(F::objectNode);
        setOrRemove(config, CHAT_TEMPLATE_KEY, chatTemplate);
        setOrRemove(config, TEMPLATE_NAME_KEY, templateName);
        JsonFiles.writeAtomically(file, JsonFiles.pretty(config));
    }

    /** Reads the settings of {@code dir}'s tokenizer_config.json ({@link TokenizerSettings#NONE} when absent). */
    public static TokenizerSettings readSettings(Path dir) {
        Path file = dir.resolve(TOKENIZER_CONFIG);
        Optional<JsonNode> read = JsonFiles.readIfPresent(file);
        JsonNode config = read.orElseGet(F::objectNode);
        OptionalInt maxLength = OptionalInt.empty();
        JsonNode len = config.get("model_max_length");
        if (len != null && !len.isNull()) {
            if (!len.isNumber() || len.asDouble() < 1) {
                throw new TokenizerFileException(file, "model_max_length must be a positive number, found " + len);
            }
            if (len.asDouble() < HF_NO_LIMIT && len.asDouble() <= Integer.MAX_VALUE) {
                maxLength = OptionalInt.of(len.asInt());
            }
        }
        Optional<String> template = chatTemplate(file, config.get(CHAT_TEMPLATE_KEY));
        if (template.isEmpty()) {
            template = separateChatTemplate(dir);
        }
        return new TokenizerSettings(maxLength, template, text(file, config, TEMPLATE_NAME_KEY),
                text(file, config, "tokenizer_class"));
    }

    private static Optional<String> chatTemplate(Path file, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isArray()) {
            JsonNode chosen = null;
            for (JsonNode entry : node) {
                if (!entry.path("name").isTextual() || !entry.path("template").isTextual()) {
                    throw new TokenizerFileException(file, "chat_template entries must be {\"name\": ..., "
                            + "\"template\": ...}, found " + entry);
                }
                if (chosen == null || entry.get("name").asText().equals("default")) {
                    chosen = entry;
                }
            }
            return chosen == null ? Optional.empty() : Optional.of(chosen.get("template").asText());
        }
        throw new TokenizerFileException(file, "chat_template must be a string or a list of named templates, found "
                + node.getNodeType());
    }

    private static Optional<String> separateChatTemplate(Path dir) {
        Path jinja = dir.resolve("chat_template.jinja");
        try {
            return Optional.of(Files.readString(jinja, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            // Older layout: chat_template.json holding {"chat_template": "..."}.
            Path json = dir.resolve("chat_template.json");
            return JsonFiles.readIfPresent(json).flatMap(n -> chatTemplate(json, n.get(CHAT_TEMPLATE_KEY)));
        } catch (IOException e) {
            throw new TokenizerFileException(jinja, "cannot be read: " + e, e);
        }
    }

    private static Optional<String> text(Path file, JsonNode config, String key) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new TokenizerFileException(file, key + " must be a string, found " + n);
        }
        return Optional.of(n.asText());
    }

    private static void setOrRemove(ObjectNode config, String key, String value) {
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, Objects.requireNonNull(value));
        }
    }
}
