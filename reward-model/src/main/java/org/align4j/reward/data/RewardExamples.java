package org.align4j.reward.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Examples for the reward model: {@link PairExamples} (pairwise training) or {@link RatingExamples} (pointwise). */
public sealed interface RewardExamples permits PairExamples, RatingExamples {
    /** Every answer of a set with its prompt, e.g. to compute reward statistics over. */
    record AnswerSet(List<String> prompts, List<String> answers) {}

    /** The prompt texts, one per pair or rating ({@link PromptText}). */
    List<String> prompts();

    /** The answers, one list per answer of an example (chosen and rejected; or the rated response), each aligned with {@link #prompts}. */
    List<List<String>> answerColumns();

    /** The number of pairs or ratings. */
    default int size() {
        return prompts().size();
    }

    /** Every prompt and answer text (a tokenizer's training corpus): the prompts once, then each answer column. */
    default List<String> texts() {
        List<String> all = new ArrayList<>(prompts());
        answerColumns().forEach(all::addAll);
        return all;
    }

    /** Every answer with its prompt (both answers of a pair): column by column. */
    default AnswerSet answers() {
        List<String> p = new ArrayList<>();
        List<String> a = new ArrayList<>();
        for (List<String> column : answerColumns()) {
            p.addAll(prompts());
            a.addAll(column);
        }
        return new AnswerSet(p, a);
    }

    /** How an error names example {@code index} of {@code source}: its id when it has one. */
    static String label(String id, int index, String source) {
        return id != null ? "id " + id : "example " + (index + 1) + " of " + source;
    }

    /** The {@link #label} of each example of {@code source}, in order. */
    static <T> List<String> labels(List<T> examples, Function<T, String> id, String source) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            labels.add(label(id.apply(examples.get(i)), i, source));
        }
        return labels;
    }
}
