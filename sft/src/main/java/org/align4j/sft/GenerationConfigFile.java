package org.align4j.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.io.AtomicFiles;

/**
 * Makes generation stop where the chat template ends an answer: {@code generation_config.json}'s
 * {@code eos_token_id} becomes the list [end-of-turn id, the model's eos ids…], as Qwen2-Instruct ships
 * ({@code [<|im_end|>, <|endoftext|>]}), so that a ChatML-tuned model stops after {@code <|im_end|>} in
 * transformers and in {@code align generate}.
 */
final class GenerationConfigFile {
    static final String FILE = "generation_config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GenerationConfigFile() {}

    /** Puts {@code endOfTurn} first in the eos ids of {@code dir}'s generation config (created when missing). */
    static void addStopToken(Path dir, int endOfTurn, List<Integer> eosIds) throws IOException {
        Path file = dir.resolve(FILE);
        ObjectNode cfg = Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o ? o
                : JSON.createObjectNode();
        Set<Integer> ids = new LinkedHashSet<>();
        ids.add(endOfTurn);
        ids.addAll(eosIds);
        JsonNode old = cfg.get("eos_token_id");
        if (old != null && old.isArray()) {
            old.forEach(n -> ids.add(n.asInt()));
        } else if (old != null && old.canConvertToInt()) {
            ids.add(old.asInt());
        }
        ArrayNode arr = cfg.putArray("eos_token_id");
        ids.forEach(arr::add);
        if (!cfg.has("transformers_version")) {
            cfg.put("transformers_version", "4.46.0");
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(cfg));
    }
}
