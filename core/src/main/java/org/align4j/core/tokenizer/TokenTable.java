package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/** A growing vocabulary (id = insertion order) that names merged tokens with a kind-specific rule. */
final class TokenTable implements PairMerger.Vocabulary {
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final BinaryOperator<String> concat;

    /** @param concat how a merged token's string is made from its two parts */
    TokenTable(BinaryOperator<String> concat) {
        this.concat = concat;
    }

    /** Adds {@code token} unless present; returns its id. */
    int add(String token) {
        Integer id = ids.get(token);
        if (id != null) {
            return id;
        }
        tokens.add(token);
        ids.put(token, tokens.size() - 1);
        return tokens.size() - 1;
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    int id(String token) {
        return ids.get(token);
    }

    String token(int id) {
        return tokens.get(id);
    }

    @Override
    public int merge(int left, int right) {
        return add(concat.apply(tokens.get(left), tokens.get(right)));
    }

    @Override
    public int size() {
        return tokens.size();
    }

    List<String> tokens() {
        return List.copyOf(tokens);
    }
}
