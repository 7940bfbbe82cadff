package org.align4j.reward.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.config.RewardLossConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.SyntheticNegatives;

/**
 * Whether a reward model sees what preference pairs rarely show: for every held-out pair, its chosen answer against
 * another prompt's chosen answer (off-topic) and against its own words shuffled (word salad), built by {@link
 * SyntheticNegatives}. Accuracy near 0.5 is a blind spot that PPO can be paid for.
 *
 * @param offTopic the off-topic pairs' report
 * @param wordSalad the word-salad pairs' report
 */
public record NegativeCheck(PairReport offTopic, PairReport wordSalad) {

    /** Scores the synthetic pairs of {@code heldOut} (seeded by {@code seed}). */
    public static NegativeCheck of(RewardScorer scorer, PairExamples heldOut, RewardLossConfig cfg, long seed) {
        Random rnd = new Random(seed);
        PairExamples off = SyntheticNegatives.offTopic(heldOut, 1, rnd);
        PairExamples salad = SyntheticNegatives.wordSalad(heldOut, 1, rnd);
        return new NegativeCheck((PairReport) RewardEvaluation.evaluate(scorer, off, cfg),
                (PairReport) RewardEvaluation.evaluate(scorer, salad, cfg));
    }

    /** One line: both accuracies and mean margins, with their pair counts. */
    public String format() {
        return String.format("synthetic held-out pairs: off-topic accuracy %.4f (margin %.4f, %d pairs), word salad"
                + " accuracy %.4f (margin %.4f, %d pairs)%n", offTopic.accuracy(), offTopic.meanMargin(),
                offTopic.count(), wordSalad.accuracy(), wordSalad.meanMargin(), wordSalad.count());
    }

    /** {@code {"off_topic": {...}, "word_salad": {...}}}, each a pair report. */
    public ObjectNode toJson() {
        ObjectNode o = ReportJson.object();
        o.set("off_topic", offTopic.toJson());
        o.set("word_salad", wordSalad.toJson());
        return o;
    }
}
