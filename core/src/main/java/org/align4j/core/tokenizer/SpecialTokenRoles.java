package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which special token plays which role in a tokenizer being trained; {@code null} means "no such token".
 * The roles are written to {@code tokenizer_config.json} and {@code special_tokens_map.json} as
 * {@code bos_token}, {@code eos_token}, {@code pad_token} and so on.
 *
 * @param bos beginning of sequence
 * @param eos end of sequence (generation stops here)
 * @param pad padding
 * @param unk unknown word (WordPiece needs one)
 * @param cls classification token that starts a BERT input
 * @param sep separator that ends each BERT segment
 * @param mask masked-language-model mask
 */
public record SpecialTokenRoles(
        String bos, String eos, String pad, String unk, String cls, String sep, String mask) {

    /** GPT-2/Qwen2 style: {@code <|endoftext|>} ends a document, a dedicated {@code <|pad|>} pads. */
    public static final SpecialTokenRoles BPE_DEFAULT =
            new SpecialTokenRoles(null, "<|endoftext|>", "<|pad|>", null, null, null, null);

    /** BERT's five tokens. */
    public static final SpecialTokenRoles WORDPIECE_DEFAULT =
            new SpecialTokenRoles(null, null, "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    public SpecialTokenRoles {
        for (Map.Entry<String, String> e : namedOf(bos, eos, pad, unk, cls, sep, mask).entrySet()) {
            if (e.getValue() != null && e.getValue().isBlank()) {
                throw new IllegalArgumentException(
                        "special token role " + e.getKey() + " is blank; give a token such as [PAD] or leave it unset");
            }
        }
    }

    /** The defaults for {@code kind}. */
    public static SpecialTokenRoles defaults(TokenizerKind kind) {
        return kind == TokenizerKind.BPE ? BPE_DEFAULT : WORDPIECE_DEFAULT;
    }

    /** The roles that are set, keyed {@code pad_token}, {@code unk_token}, ... in BERT's id order. */
    public Map<String, String> byConfigKey() {
        Map<String, String> out = new LinkedHashMap<>();
        namedOf(bos, eos, pad, unk, cls, sep, mask).forEach((k, v) -> {
            if (v != null) {
                out.put(k + "_token", v);
            }
        });
        return out;
    }

    /** The distinct role tokens in BERT's id order: pad, unk, cls, sep, mask, bos, eos. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>();
        for (String t : byConfigKey().values()) {
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static Map<String, String> namedOf(
            String bos, String eos, String pad, String unk, String cls, String sep, String mask) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pad", pad);
        m.put("unk", unk);
        m.put("cls", cls);
        m.put("sep", sep);
        m.put("mask", mask);
        m.put("bos", bos);
        m.put("eos", eos);
        return m;
    }
}
