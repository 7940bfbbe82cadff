package org.align4j.core.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.template.ChatTemplate;

/**
 * Where a model's answer ends: every EOS id (generation_config.json's {@code eos_token_id}, which may be a
 * list, e.g. Llama-3's {@code [128001, 128008, 128009]}, and the tokenizer's EOS) and the chat template's
 * end of turn, as a token id when it is one token of the vocabulary (ChatML's {@code <|im_end|>}) and as a
 * stop string otherwise.
 *
 * @param eosIds ids that end generation as an EOS (the primary one first)
 * @param stopTokenIds the end-of-turn id when it is not already an EOS id; empty otherwise
 * @param stopStrings the end-of-turn text when it is not one token; empty otherwise
 */
public record StopTokens(List<Integer> eosIds, List<Integer> stopTokenIds, List<String> stopStrings) {
    public StopTokens {
        eosIds = List.copyOf(eosIds);
        stopTokenIds = List.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /**
     * The stops of {@code tokenizer} answering in {@code template}.
     *
     * @param template the chat template, or null for raw text (EOS ids only)
     */
    public static StopTokens of(TextTokenizer tokenizer, ChatTemplate template) {
        List<Integer> eos = tokenizer.special().eosIds();
        List<Integer> ids = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        String endOfTurn = template == null ? "" : template.endOfTurn();
        if (!endOfTurn.isBlank()) {
            OptionalInt id = tokenizer.tokenId(endOfTurn);
            if (id.isEmpty()) {
                strings.add(endOfTurn);
            } else if (!eos.contains(id.getAsInt())) {
                ids.add(id.getAsInt());
            }
        }
        return new StopTokens(eos, ids, strings);
    }

    /** Every id that ends an answer: the EOS ids, then the end-of-turn id. */
    public List<Integer> allIds() {
        List<Integer> all = new ArrayList<>(eosIds);
        all.addAll(stopTokenIds);
        return all;
    }

    /** Generation settings of at most {@code maxNewTokens} tokens that stop where an answer ends. */
    public SamplingConfig.Builder generation(int maxNewTokens) {
        return SamplingConfig.builder().maxNewTokens(maxNewTokens).eosIds(eosIds).stopTokenIds(stopTokenIds)
                .stopStrings(stopStrings);
    }
}
