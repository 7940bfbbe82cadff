package org.align4j.datasets.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.align4j.datasets.ChatMessage;

/**
 * The golden files of tools/chat-templates/ (written by tools/chat_template_goldens.py with jinja2 and
 * tokenizers from the real files of each family): one folder per family with its tokenizer_config.json.
 */
public final class GoldenTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenTemplates() {}

    /** tools/chat-templates, found from the module directory tests run in. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("tools").resolve("chat-templates");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/chat-templates not found above " + here);
    }

    /** The family folders: gemma3, llama3_1, qwen2_5, qwen3. */
    public static List<String> families() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode golden(String family) {
        try {
            return JSON.readTree(root().resolve(family).resolve("golden.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ChatMessage> messages(JsonNode goldenCase) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : goldenCase.get("messages")) {
            out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        return out;
    }
}
