package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings for training a tokenizer.
 *
 * @param kind byte-level BPE or WordPiece
 * @param vocabSize the target vocabulary size, special tokens included
 * @param minFrequency a pair seen fewer times than this is never merged (default 2: a merge seen once
 *     only memorises one word)
 * @param roles which special token is bos, eos, pad, unk, cls, sep, mask
 * @param extraSpecialTokens special tokens beyond the roles, e.g. {@code <|im_start|>}, {@code <|im_end|>}
 * @param limitAlphabet WordPiece only: keep at most this many distinct characters (the most frequent);
 *     0 keeps all (default: a corpus decides its alphabet)
 * @param lowercase WordPiece only: lower-case and strip accents (BERT "uncased"; default true)
 * @param modelMaxLength the longest input the model takes, written to tokenizer_config.json
 */
public record TrainerConfig(
        TokenizerKind kind,
        int vocabSize,
        int minFrequency,
        SpecialTokenRoles roles,
        List<String> extraSpecialTokens,
        int limitAlphabet,
        boolean lowercase,
        int modelMaxLength) {

    /** Byte-level BPE always holds all 256 bytes. */
    public static final int BYTE_ALPHABET = 256;

    public TrainerConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roles, "roles");
        extraSpecialTokens = List.copyOf(extraSpecialTokens);
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency is " + minFrequency + "; it must be at least 1");
        }
        if (limitAlphabet < 0) {
            throw new IllegalArgumentException("limitAlphabet is " + limitAlphabet + "; use 0 (no limit) or a positive count");
        }
        if (modelMaxLength < 1) {
            throw new IllegalArgumentException("modelMaxLength is " + modelMaxLength + "; it must be positive");
        }
        for (String t : extraSpecialTokens) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("extraSpecialTokens contains a blank token; remove it");
            }
        }
        int specials = specialTokens(roles, extraSpecialTokens).size();
        if (kind == TokenizerKind.BPE) {
            if (limitAlphabet != 0) {
                throw new IllegalArgumentException("limitAlphabet is " + limitAlphabet
                        + " but byte-level BPE always keeps all 256 bytes; leave it 0");
            }
            if (vocabSize < BYTE_ALPHABET + specials) {
                throw new IllegalArgumentException("vocabSize is " + vocabSize + "; byte-level BPE needs at least "
                        + (BYTE_ALPHABET + specials) + " (256 bytes + " + specials + " special tokens)");
            }
        } else {
            for (String[] role : new String[][] {{"unk", roles.unk()}, {"cls", roles.cls()}, {"sep", roles.sep()}}) {
                if (role[1] == null) {
                    throw new IllegalArgumentException("WordPiece needs a " + role[0] + " token (BERT uses ["
                            + role[0].toUpperCase(java.util.Locale.ROOT) + "]); set roles." + role[0]);
                }
            }
            if (vocabSize <= specials) {
                throw new IllegalArgumentException("vocabSize is " + vocabSize + "; it must exceed the "
                        + specials + " special tokens");
            }
        }
    }

    /** Defaults for {@code kind}: min frequency 2, the kind's special tokens, no alphabet limit. */
    public static TrainerConfig defaults(TokenizerKind kind, int vocabSize) {
        return new TrainerConfig(kind, vocabSize, 2, SpecialTokenRoles.defaults(kind), defaultExtraSpecialTokens(kind),
                0, kind == TokenizerKind.WORDPIECE, defaultModelMaxLength(kind));
    }

    /** {@code <|im_start|>} and {@code <|im_end|>} (ChatML) for BPE; none for WordPiece. */
    public static List<String> defaultExtraSpecialTokens(TokenizerKind kind) {
        return kind == TokenizerKind.BPE ? List.of("<|im_start|>", "<|im_end|>") : List.of();
    }

    /** 2048 for BPE (a small decoder's context), 512 for WordPiece (BERT's). */
    public static int defaultModelMaxLength(TokenizerKind kind) {
        return kind == TokenizerKind.BPE ? 2048 : 512;
    }

    /** A copy with another minimum pair frequency. */
    public TrainerConfig withMinFrequency(int value) {
        return new TrainerConfig(kind, vocabSize, value, roles, extraSpecialTokens, limitAlphabet, lowercase,
                modelMaxLength);
    }

    /** A copy with other extra special tokens. */
    public TrainerConfig withExtraSpecialTokens(List<String> value) {
        return new TrainerConfig(kind, vocabSize, minFrequency, roles, value, limitAlphabet, lowercase,
                modelMaxLength);
    }

    /** A copy with other roles. */
    public TrainerConfig withRoles(SpecialTokenRoles value) {
        return new TrainerConfig(kind, vocabSize, minFrequency, value, extraSpecialTokens, limitAlphabet, lowercase,
                modelMaxLength);
    }

    /** All special tokens in id order: the role tokens (pad, unk, cls, sep, mask, bos, eos), then the extras. */
    public List<String> specialTokens() {
        return specialTokens(roles, extraSpecialTokens);
    }

    private static List<String> specialTokens(SpecialTokenRoles roles, List<String> extras) {
        List<String> out = new ArrayList<>(roles.tokens());
        for (String t : extras) {
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
