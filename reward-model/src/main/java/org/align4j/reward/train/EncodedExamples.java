package org.align4j.reward.train;

import java.util.ArrayList;
import java.util.List;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.reward.PairEncoder;
import org.align4j.reward.PairEncoder.Sequence;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RatingExamples;
import org.align4j.reward.data.RewardExamples;

/**
 * Examples tokenised and fitted once, before training: every answer of the set as a {@link Sequence}, in the
 * order of {@link RewardExamples#answers()} (for pairs: all chosen answers, then all rejected ones). An answer
 * that does not fit {@code max_length} is reported here, with the example's label, before any step runs.
 *
 * @param examples the texts
 * @param sequences the fitted inputs, one per answer
 * @param promptsTruncated inputs whose prompt lost tokens from its start
 * @param answersTruncated inputs whose answer was cut ({@code truncate_answers} on)
 */
public record EncodedExamples(RewardExamples examples, Sequence[] sequences, int promptsTruncated,
        int answersTruncated) {

    /** Problems listed in an error before "... and N more". */
    private static final int SHOWN = 5;

    /** Encodes {@code examples}; {@code what} names the set in messages ("training", "held-out"). */
    public static EncodedExamples encode(RewardExamples examples, TextTokenizer tokenizer, PairEncoder encoder,
            String what) {
        RewardExamples.AnswerSet a = examples.answers();
        if (a.answers().isEmpty()) {
            return new EncodedExamples(examples, new Sequence[0], 0, 0);
        }
        int[][] prompts = tokenizer.encodeBatch(a.prompts());
        int[][] answers = tokenizer.encodeBatch(a.answers());
        Sequence[] out = new Sequence[answers.length];
        List<String> problems = new ArrayList<>();
        int promptCut = 0;
        int answerCut = 0;
        for (int i = 0; i < answers.length; i++) {
            try {
                out[i] = encoder.fit(prompts[i], answers[i]);
                promptCut += out[i].promptTokensDropped() > 0 ? 1 : 0;
                answerCut += out[i].answerTokensDropped() > 0 ? 1 : 0;
            } catch (IllegalArgumentException e) {
                problems.add(describe(examples, i) + ": " + answers[i].length + " tokens");
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(problems.size() + " " + what + " answers do not fit data.max_length "
                    + encoder.maxLength() + " (with [CLS] and two [SEP]) and answers are never cut silently: raise "
                    + "data.max_length (at most the model's positions) or set data.truncate_answers: true to cut their "
                    + "ends");
            problems.stream().limit(SHOWN).forEach(p -> sb.append("\n  ").append(p));
            if (problems.size() > SHOWN) {
                sb.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return new EncodedExamples(examples, out, promptCut, answerCut);
    }

    /**
     * The first {@code n} pairs of a pair set with their fitted inputs, without encoding them again: e.g. the human
     * pairs that synthetic ones were appended to.
     */
    public EncodedExamples firstPairs(int n) {
        if (!(examples instanceof PairExamples p)) {
            throw new IllegalArgumentException("firstPairs: a set of ratings has no pairs");
        }
        int all = p.size();
        Sequence[] head = new Sequence[2 * n];
        System.arraycopy(sequences, 0, head, 0, n); // chosen answers
        System.arraycopy(sequences, all, head, n, n); // rejected answers
        int promptCut = 0;
        int answerCut = 0;
        for (Sequence s : head) {
            promptCut += s.promptTokensDropped() > 0 ? 1 : 0;
            answerCut += s.answerTokensDropped() > 0 ? 1 : 0;
        }
        return new EncodedExamples(p.head(n), head, promptCut, answerCut);
    }

    /** The number of pairs or ratings. */
    public int size() {
        return examples.size();
    }

    /** A line for the run's log, e.g. {@code training: 990 pairs, 1980 inputs (12 prompts truncated)}. */
    public String summary(String what) {
        boolean pairs = examples instanceof PairExamples;
        return String.format("%s: %d %s, %d inputs (%d with the prompt's start cut%s)", what, size(),
                pairs ? "pairs" : "ratings", sequences.length, promptsTruncated,
                answersTruncated > 0 ? ", " + answersTruncated + " with the answer's end cut" : "");
    }

    private static String describe(RewardExamples examples, int answer) {
        if (examples instanceof PairExamples p) {
            int n = p.size();
            return p.labels().get(answer % n) + " (" + (answer < n ? "chosen" : "rejected") + " answer)";
        }
        return ((RatingExamples) examples).labels().get(answer) + " (response)";
    }
}
