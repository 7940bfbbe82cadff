package org.align4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies the resolution rules documented on {@link SpecialTokens} to the files of a model directory. */
final class SpecialTokenResolver {
    static final String CONFIG = "config.json";
    static final String GENERATION_CONFIG = "generation_config.json";

    private final TokenizerVocab vocab;
    private final Source tokenizerConfig;
    private final Source specialMap;
    private final Source config;
    private final Source generation;
    private final Source tokenizerJson;

    /** One file, possibly absent (then every lookup is empty). */
    private record Source(Path file, JsonNode root) {
        static Source of(Path file) {
            return new Source(file, JsonFiles.readIfPresent(file).orElse(MissingNode.getInstance()));
        }
    }

    private SpecialTokenResolver(Path dir, Path tokenizerFile, JsonNode tokenizerRoot, TokenizerVocab vocab) {
        this.vocab = vocab;
        this.tokenizerConfig = Source.of(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG));
        this.specialMap = Source.of(dir.resolve(TokenizerFiles.SPECIAL_TOKENS_MAP));
        this.config = Source.of(dir.resolve(CONFIG));
        this.generation = Source.of(dir.resolve(GENERATION_CONFIG));
        this.tokenizerJson = new Source(tokenizerFile, tokenizerRoot);
    }

    static SpecialTokens resolve(Path dir, Path tokenizerFile, JsonNode tokenizerRoot, TokenizerVocab vocab) {
        return new SpecialTokenResolver(dir, tokenizerFile, tokenizerRoot, vocab).resolve();
    }

    private SpecialTokens resolve() {
        Optional<SpecialToken> eosText = text("eos_token");
        List<Integer> eosIds = new ArrayList<>();
        Optional<SpecialToken> eos = ids(generation, "eos_token_id", eosIds);
        if (eos.isEmpty()) {
            eos = ids(config, "eos_token_id", eosIds);
        }
        if (eos.isEmpty()) {
            eos = eosText;
        }
        eosText.ifPresent(t -> {
            if (!eosIds.contains(t.id())) {
                eosIds.add(t.id());
            }
        });
        Optional<SpecialToken> bos = or(text("bos_token"), ids(generation, "bos_token_id", null),
                ids(config, "bos_token_id", null));
        Optional<SpecialToken> pad = or(text("pad_token"), tokenizerJsonPad(),
                ids(generation, "pad_token_id", null), ids(config, "pad_token_id", null));
        Optional<SpecialToken> unk = or(text("unk_token"), tokenizerJsonText(tokenizerJson.root.path("model")
                .path("unk_token"), "model.unk_token"));
        Optional<SpecialToken> cls = or(text("cls_token"), postProcessorToken("cls"));
        Optional<SpecialToken> sep = or(text("sep_token"), postProcessorToken("sep"));
        return new SpecialTokens(bos, eos, eosIds, pad, unk, cls, sep, text("mask_token"), vocab.added());
    }

    @SafeVarargs
    private static Optional<SpecialToken> or(Optional<SpecialToken>... candidates) {
        for (Optional<SpecialToken> c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** {@code key} from tokenizer_config.json, else special_tokens_map.json; a string or {"content": ...}. */
    private Optional<SpecialToken> text(String key) {
        for (Source s : List.of(tokenizerConfig, specialMap)) {
            JsonNode n = s.root.path(key);
            if (n.isObject()) {
                n = n.path("content");
            }
            if (n.isMissingNode() || n.isNull()) {
                continue;
            }
            if (!n.isTextual()) {
                throw new TokenizerFileException(s.file, key + " must be a token string or {\"content\": ...}, found "
                        + s.root.get(key));
            }
            return Optional.of(lookUp(s.file, key, n.asText()));
        }
        return Optional.empty();
    }

    private SpecialToken lookUp(Path file, String key, String token) {
        int id = vocab.id(token).orElseThrow(() -> new TokenizerFileException(file, key + " '" + token
                + "' is not in the vocabulary of " + tokenizerJson.file.getFileName()
                + "; add it to added_tokens or fix " + key));
        return new SpecialToken(token, id, file.getFileName() + " " + key);
    }

    /** An id (or, for eos_token_id, a list of ids whose every entry goes to {@code all}) from {@code s}. */
    private Optional<SpecialToken> ids(Source s, String key, List<Integer> all) {
        JsonNode n = s.root.path(key);
        if (n.isMissingNode() || n.isNull() || (n.isArray() && n.isEmpty())) {
            return Optional.empty();
        }
        List<JsonNode> entries = new ArrayList<>();
        if (n.isArray() && all != null) {
            n.forEach(entries::add);
        } else {
            entries.add(n);
        }
        SpecialToken first = null;
        for (JsonNode e : entries) {
            if (!e.isIntegralNumber() || e.asInt() < 0 || e.asInt() >= vocab.size()) {
                throw new TokenizerFileException(s.file, key + " must be " + (all != null ? "an id or a list of ids" : "an id")
                        + " in [0, " + vocab.size() + "), found " + n);
            }
            int id = e.asInt();
            String token = vocab.token(id).orElseThrow(() -> new TokenizerFileException(s.file, key + " " + id
                    + " has no token in " + tokenizerJson.file.getFileName()));
            if (first == null) {
                first = new SpecialToken(token, id, s.file.getFileName() + " " + key);
            }
            if (all != null && !all.contains(id)) {
                all.add(id);
            }
        }
        return Optional.of(first);
    }

    private Optional<SpecialToken> tokenizerJsonPad() {
        return tokenizerJsonText(tokenizerJson.root.path("padding").path("pad_token"), "padding.pad_token");
    }

    private Optional<SpecialToken> tokenizerJsonText(JsonNode n, String field) {
        if (!n.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(lookUp(tokenizerJson.file, field, n.asText()));
    }

    /** BertProcessing and RobertaProcessing store {@code "cls": ["[CLS]", 101]}. */
    private Optional<SpecialToken> postProcessorToken(String field) {
        JsonNode pp = tokenizerJson.root.path("post_processor");
        String type = pp.path("type").asText();
        if (!type.equals("BertProcessing") && !type.equals("RobertaProcessing")) {
            return Optional.empty();
        }
        return tokenizerJsonText(pp.path(field).path(0), "post_processor." + field);
    }
}
