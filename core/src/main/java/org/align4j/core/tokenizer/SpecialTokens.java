package org.align4j.core.tokenizer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The special tokens of a loaded tokenizer. How each role is resolved (first source that declares it
 * wins; a declared text must exist in the vocabulary and a declared id must be in range, else loading
 * fails naming the file):
 * <ul>
 *   <li>eos: {@code generation_config.json eos_token_id}, {@code config.json eos_token_id},
 *       {@code tokenizer_config.json eos_token}, {@code special_tokens_map.json eos_token}. Generation
 *       settings come first because they say when generation stops. {@link #eosIds()} holds every id of
 *       the winning list (e.g. Qwen2-Instruct's {@code [151645, 151643]}) plus the tokenizer's eos.</li>
 *   <li>bos: tokenizer_config.json, special_tokens_map.json, generation_config.json, config.json (the
 *       tokenizer's own declaration first, since it is what a tokenizer prepends).</li>
 *   <li>pad: tokenizer_config.json, special_tokens_map.json, tokenizer.json {@code padding.pad_token},
 *       generation_config.json {@code pad_token_id}, config.json {@code pad_token_id}. A model that declares
 *       none has no pad: it never silently becomes id 0. Causal LMs use {@link #padForCausalLm()}, which
 *       falls back to eos and says so; encoders use {@link #requirePad()}.</li>
 *   <li>unk: the config files, then tokenizer.json {@code model.unk_token}; cls and sep: the config
 *       files, then a BertProcessing/RobertaProcessing post-processor; mask: the config files.</li>
 * </ul>
 *
 * @param bos beginning-of-sequence token
 * @param eos the primary end-of-sequence token
 * @param eosIds every id that ends generation ({@code eos} first); empty when there is no eos
 * @param pad the declared pad token
 * @param unk unknown-word token
 * @param cls BERT's classification token
 * @param sep BERT's separator
 * @param mask BERT's mask token
 * @param addedTokens tokenizer.json's added tokens, such as {@code <|im_start|>} and {@code <|im_end|>}
 */
public record SpecialTokens(
        Optional<SpecialToken> bos,
        Optional<SpecialToken> eos,
        List<Integer> eosIds,
        Optional<SpecialToken> pad,
        Optional<SpecialToken> unk,
        Optional<SpecialToken> cls,
        Optional<SpecialToken> sep,
        Optional<SpecialToken> mask,
        List<AddedToken> addedTokens) {
    private static final Logger LOG = LoggerFactory.getLogger(SpecialTokens.class);

    public SpecialTokens {
        eosIds = List.copyOf(eosIds);
        addedTokens = List.copyOf(addedTokens);
    }

    /**
     * The pad token for a causal LM: the declared pad, or else eos (GPT-2 and Llama declare none; padded
     * positions are masked out, so eos is harmless there). The fallback is logged and reported in
     * {@link ResolvedPad#eosFallback()}.
     *
     * @throws IllegalStateException when neither a pad nor an eos token is declared
     */
    public ResolvedPad padForCausalLm() {
        if (pad.isPresent()) {
            return new ResolvedPad(pad.get(), false);
        }
        SpecialToken e = eos.orElseThrow(() -> new IllegalStateException("the tokenizer declares neither a pad "
                + "nor an eos token; set pad_token (or eos_token) in tokenizer_config.json"));
        LOG.warn("no pad token declared; padding with eos '{}' (id {}, from {})", e.text(), e.id(), e.source());
        return new ResolvedPad(new SpecialToken(e.text(), e.id(), e.source() + " (eos used as pad)"), true);
    }

    /**
     * The declared pad token, for encoders such as BERT whose pad id must be the one they were trained with.
     *
     * @throws IllegalStateException when the tokenizer declares no pad token
     */
    public SpecialToken requirePad() {
        return pad.orElseThrow(() -> new IllegalStateException("the tokenizer declares no pad token; set "
                + "pad_token in tokenizer_config.json (BERT uses [PAD])"));
    }

    /** The primary eos token; throws when none is declared. */
    public SpecialToken requireEos() {
        return eos.orElseThrow(() -> new IllegalStateException("the tokenizer declares no eos token; set "
                + "eos_token_id in generation_config.json or eos_token in tokenizer_config.json"));
    }

    /** Whether {@code id} ends generation. */
    public boolean isEos(int id) {
        return eosIds.contains(id);
    }

    /** The id of the added token {@code text}, e.g. {@code <|im_start|>}. */
    public OptionalInt addedTokenId(String text) {
        return addedTokens.stream().filter(t -> t.text().equals(text)).mapToInt(AddedToken::id).findFirst();
    }
}
