package org.align4j.core.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds {@code tokenizer.json} in the Hugging Face tokenizers schema (version 1.0). Keys are written
 * in a fixed order and the vocabulary in id order, so the same training gives byte-identical files.
 */
final class TokenizerJsonWriter {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TokenizerJsonWriter() {}

    /**
     * Byte-level BPE as in GPT-2/Qwen2: no normalizer, ByteLevel pre-tokenizer (GPT-2 regex, no prefix
     * space), ByteLevel post-processor and decoder.
     */
    static String bpe(List<String> vocab, List<String> merges, List<Integer> specialIds) {
        ObjectNode root = header(vocab, specialIds);
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(true));
        root.set("post_processor", byteLevel(false));
        root.set("decoder", byteLevel(true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", vocabObject(vocab));
        ArrayNode m = model.putArray("merges");
        merges.forEach(m::add);
        return write(root);
    }

    /**
     * BERT's WordPiece: BertNormalizer (clean text, Chinese characters split, lower-casing as chosen),
     * BertPreTokenizer, a TemplateProcessing post-processor giving {@code [CLS] A [SEP]} and
     * {@code [CLS] A [SEP] B [SEP]} with type ids 0 and 1, and the WordPiece decoder.
     */
    static String wordPiece(List<String> vocab, List<Integer> specialIds, SpecialTokenRoles roles, boolean lowercase) {
        ObjectNode root = header(vocab, specialIds);
        ObjectNode norm = root.putObject("normalizer");
        norm.put("type", "BertNormalizer");
        norm.put("clean_text", true);
        norm.put("handle_chinese_chars", true);
        norm.putNull("strip_accents");
        norm.put("lowercase", lowercase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        int cls = vocab.indexOf(roles.cls());
        int sep = vocab.indexOf(roles.sep());
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.add(piece("SpecialToken", roles.cls(), 0));
        single.add(piece("Sequence", "A", 0));
        single.add(piece("SpecialToken", roles.sep(), 0));
        ArrayNode pair = post.putArray("pair");
        pair.add(piece("SpecialToken", roles.cls(), 0));
        pair.add(piece("Sequence", "A", 0));
        pair.add(piece("SpecialToken", roles.sep(), 0));
        pair.add(piece("Sequence", "B", 1));
        pair.add(piece("SpecialToken", roles.sep(), 1));
        ObjectNode specials = post.putObject("special_tokens");
        specials.set(roles.cls(), templateToken(roles.cls(), cls));
        specials.set(roles.sep(), templateToken(roles.sep(), sep));
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "WordPiece");
        decoder.put("prefix", "##");
        decoder.put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", roles.unk());
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        model.set("vocab", vocabObject(vocab));
        return write(root);
    }

    private static ObjectNode header(List<String> vocab, List<Integer> specialIds) {
        ObjectNode root = F.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id : specialIds) {
            ObjectNode t = added.addObject();
            t.put("id", id);
            t.put("content", vocab.get(id));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        return root;
    }

    private static ObjectNode byteLevel(boolean trimOffsets) {
        ObjectNode n = F.objectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true);
        return n;
    }

    private static ObjectNode piece(String kind, String id, int typeId) {
        ObjectNode outer = F.objectNode();
        ObjectNode inner = outer.putObject(kind);
        inner.put("id", id);
        inner.put("type_id", typeId);
        return outer;
    }

    private static ObjectNode templateToken(String token, int id) {
        ObjectNode n = F.objectNode();
        n.put("id", token);
        n.putArray("ids").add(id);
        n.putArray("tokens").add(token);
        return n;
    }

    private static ObjectNode vocabObject(List<String> vocab) {
        ObjectNode v = F.objectNode();
        for (int i = 0; i < vocab.size(); i++) {
            v.put(vocab.get(i), i);
        }
        return v;
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise tokenizer.json: " + e.getMessage(), e);
        }
    }
}
