package org.align4j.core.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerKind;

/** A tiny GPT-2 checkpoint with a BPE tokenizer (ChatML tokens, no BOS), written through the real saving code. */
final class BundleFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CORPUS = List.of("what helps a fever", "rest and fluids help a fever",
            "call emergency services for chest pain", "a headache often passes with rest", "drink water and rest",
            "the answer is short", "see a doctor when it lasts");

    private BundleFixtures() {}

    /** The checkpoint in {@code dir}, its weights drawn from {@code seed}. */
    static Path checkpoint(Path dir, int seed) {
        Path tok = TinyCheckpoints.tokenizer(dir.resolveSibling(dir.getFileName() + "-tokenizer"), TokenizerKind.BPE,
                400, CORPUS);
        return TinyCheckpoints.model(dir, tok, vocab -> Gpt2Config.of(vocab, 128, 32, 2, 2), null, seed);
    }

    /** Declares {@code <|endoftext|>} as the BOS in tokenizer_config.json; with {@code added}, the post-processor prepends it. */
    static void declareBos(Path dir, boolean added) {
        try {
            ObjectNode cfg = JSON.createObjectNode().put("bos_token", "<|endoftext|>");
            Path cfgFile = dir.resolve("tokenizer_config.json");
            if (Files.isRegularFile(cfgFile)) {
                cfg = (ObjectNode) JSON.readTree(cfgFile.toFile());
                cfg.put("bos_token", "<|endoftext|>");
            }
            JSON.writeValue(cfgFile.toFile(), cfg);
            if (added) {
                ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve("tokenizer.json").toFile());
                int id;
                try (TextTokenizer t = TextTokenizer.load(dir)) {
                    id = t.tokenId("<|endoftext|>").orElseThrow();
                }
                ObjectNode post = root.putObject("post_processor");
                post.put("type", "TemplateProcessing");
                ArrayNode single = post.putArray("single");
                single.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
                single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
                ArrayNode pair = post.putArray("pair");
                pair.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
                pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
                pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
                ObjectNode tokens = post.putObject("special_tokens");
                ObjectNode eot = tokens.putObject("<|endoftext|>");
                eot.put("id", "<|endoftext|>");
                eot.putArray("ids").add(id);
                eot.putArray("tokens").add("<|endoftext|>");
                JSON.writeValue(dir.resolve("tokenizer.json").toFile(), root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes generation_config.json with these EOS ids (a list, as Llama-3 has). */
    static void generationEos(Path dir, int... ids) {
        ObjectNode g = JSON.createObjectNode();
        ArrayNode a = g.putArray("eos_token_id");
        for (int id : ids) {
            a.add(id);
        }
        try {
            JSON.writeValue(dir.resolve("generation_config.json").toFile(), g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
