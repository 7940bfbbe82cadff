package org.align4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The token ↔ id tables of a tokenizer.json: the model's vocabulary plus its added tokens. */
final class TokenizerVocab {
    private final Map<String, Integer> ids = new HashMap<>();
    private final String[] tokens;
    private final List<AddedToken> added;

    private TokenizerVocab(Map<String, Integer> modelVocab, List<AddedToken> added) {
        this.added = List.copyOf(added);
        int max = -1;
        for (int id : modelVocab.values()) {
            max = Math.max(max, id);
        }
        for (AddedToken t : added) {
            max = Math.max(max, t.id());
        }
        tokens = new String[max + 1];
        modelVocab.forEach((t, id) -> {
            tokens[id] = t;
            ids.put(t, id);
        });
        for (AddedToken t : added) {
            tokens[t.id()] = t.text();
            ids.put(t.text(), t.id());
        }
    }

    /** Reads {@code model.vocab} (an object, or Unigram's list of [token, score]) and {@code added_tokens}. */
    static TokenizerVocab parse(Path file, JsonNode root) {
        JsonNode vocab = root.path("model").path("vocab");
        Map<String, Integer> model = new HashMap<>();
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    throw new TokenizerFileException(file, "model.vocab[\"" + e.getKey()
                            + "\"] must be a non-negative integer id, found " + e.getValue());
                }
                model.put(e.getKey(), e.getValue().asInt());
            }
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                JsonNode entry = vocab.get(i);
                if (!entry.isArray() || !entry.path(0).isTextual()) {
                    throw new TokenizerFileException(file, "model.vocab[" + i + "] must be [token, score], found " + entry);
                }
                model.put(entry.get(0).asText(), i);
            }
        } else {
            throw new TokenizerFileException(file, "has no model.vocab; this is not a Hugging Face tokenizer.json "
                    + "(save the tokenizer with tokenizer.save(\"tokenizer.json\") or train one with "
                    + "`align tokenizer train`)");
        }
        List<AddedToken> added = new ArrayList<>();
        JsonNode list = root.path("added_tokens");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            if (!t.path("id").canConvertToInt() || t.path("id").asInt() < 0 || !t.path("content").isTextual()) {
                throw new TokenizerFileException(file, "added_tokens[" + i + "] needs a non-negative \"id\" and a "
                        + "string \"content\", found " + t);
            }
            added.add(new AddedToken(t.get("content").asText(), t.get("id").asInt(), t.path("special").asBoolean()));
        }
        return new TokenizerVocab(model, added);
    }

    /** max id + 1: the number of rows an embedding table needs. */
    int size() {
        return tokens.length;
    }

    OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    Optional<String> token(int id) {
        return id < 0 || id >= tokens.length ? Optional.empty() : Optional.ofNullable(tokens[id]);
    }

    List<AddedToken> added() {
        return added;
    }
}
