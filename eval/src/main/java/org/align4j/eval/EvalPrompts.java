package org.align4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.sample.SafetyRules;

/** Which held-out prompts the generation measures answer, chosen deterministically in file order. */
final class EvalPrompts {
    private EvalPrompts() {}

    /** Up to {@code max} distinct single-turn prompts of the pairs, else of the SFT examples. */
    static List<String> generation(EvalSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (PreferencePair p : spec.pairs()) {
            add(out, p.plainPrompt(), spec.maxPrompts());
        }
        if (out.isEmpty()) {
            for (SftExample e : spec.sft()) {
                singleTurn(e).ifPresent(q -> add(out, q.get(0).content(), spec.maxPrompts()));
            }
        }
        return new ArrayList<>(out);
    }

    /** Up to {@code max} distinct prompts, of the pairs and then the SFT examples, that a safety rule matches. */
    static List<String> redFlag(EvalSpec spec, SafetyRules rules) {
        return questions(spec, q -> !rules.matching(q).isEmpty());
    }

    /**
     * Up to {@code max} distinct prompts, of the pairs and then the single-turn SFT examples, that no safety rule
     * matches: where an answer that sends the patient to emergency care is over-triage.
     */
    static List<String> unflagged(EvalSpec spec, SafetyRules rules) {
        return questions(spec, q -> rules.matching(q).isEmpty());
    }

    /** Up to {@code max} distinct prompts {@code keep} accepts, of the pairs and then the single-turn SFT examples. */
    private static List<String> questions(EvalSpec spec, Predicate<String> keep) {
        Set<String> out = new LinkedHashSet<>();
        for (PreferencePair p : spec.pairs()) {
            if (p.plainPrompt() != null && keep.test(p.plainPrompt())) {
                add(out, p.plainPrompt(), spec.maxPrompts());
            }
        }
        for (SftExample e : spec.sft()) {
            singleTurn(e).map(m -> m.get(0).content()).filter(keep).ifPresent(q -> add(out, q, spec.maxPrompts()));
        }
        return new ArrayList<>(out);
    }

    /** Single-turn SFT examples (one user question, one answer), at most {@code max}. */
    static List<SftExample> singleTurnExamples(EvalSpec spec) {
        return spec.sft().stream().filter(e -> singleTurn(e).isPresent()).limit(spec.maxPrompts()).toList();
    }

    /** The messages of {@code e} when they are exactly one user turn and one assistant turn. */
    static java.util.Optional<List<ChatMessage>> singleTurn(SftExample e) {
        List<ChatMessage> m = e.messages();
        boolean single = m.size() == 2 && m.get(0).role().equals(ChatMessage.USER) && m.get(1).isAssistant();
        return single ? java.util.Optional.of(m) : java.util.Optional.empty();
    }

    private static void add(Set<String> out, String prompt, int max) {
        if (prompt != null && out.size() < max) {
            out.add(prompt);
        }
    }
}
