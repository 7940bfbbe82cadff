package org.align4j.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;

/**
 * The texts of preference pairs, pair by pair: every prompt message, then the chosen and the rejected
 * answer. Tests train their tokenizer ({@link TinyCheckpoints#tokenizer}) on it, so that every text of the
 * pairs encodes in few tokens.
 */
public final class PairCorpus {
    private PairCorpus() {}

    public static List<String> of(List<PreferencePair> pairs) {
        List<String> corpus = new ArrayList<>();
        for (PreferencePair p : pairs) {
            p.prompt().stream().map(ChatMessage::content).forEach(corpus::add);
            corpus.add(p.chosen());
            corpus.add(p.rejected());
        }
        return corpus;
    }
}
