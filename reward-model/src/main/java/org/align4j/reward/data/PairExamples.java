package org.align4j.reward.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.datasets.PreferencePair;

/**
 * Preference pairs as the reward model reads them.
 *
 * @param prompts the prompt texts ({@link PromptText})
 * @param chosen the preferred answers
 * @param rejected the other answers
 * @param margins each pair's {@code margin} field (0 where absent)
 * @param labels how errors name each pair: its id, else its position and file
 */
public record PairExamples(List<String> prompts, List<String> chosen, List<String> rejected, float[] margins,
        List<String> labels) implements RewardExamples {

    public PairExamples {
        prompts = List.copyOf(prompts);
        chosen = List.copyOf(chosen);
        rejected = List.copyOf(rejected);
        labels = List.copyOf(labels);
        int n = prompts.size();
        if (chosen.size() != n || rejected.size() != n || margins.length != n || labels.size() != n) {
            throw new IllegalArgumentException("pair examples of different lengths: " + n + " prompts, " + chosen.size()
                    + " chosen, " + rejected.size() + " rejected, " + margins.length + " margins, " + labels.size()
                    + " labels");
        }
    }

    /** The pairs of {@code source} (a file name, for labels). */
    public static PairExamples of(List<PreferencePair> pairs, String source) {
        return of(pairs, RewardExamples.labels(pairs, PreferencePair::id, source));
    }

    /** The pairs, each named in errors by its label. */
    public static PairExamples of(List<PreferencePair> pairs, List<String> labels) {
        List<String> p = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> r = new ArrayList<>();
        float[] m = new float[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            PreferencePair pair = pairs.get(i);
            p.add(PromptText.of(pair.prompt()));
            c.add(pair.chosen());
            r.add(pair.rejected());
            m[i] = pair.margin() == null ? 0f : pair.margin().floatValue();
        }
        return new PairExamples(p, c, r, m, labels);
    }

    /** The first {@code n} pairs. */
    public PairExamples head(int n) {
        return new PairExamples(prompts.subList(0, n), chosen.subList(0, n), rejected.subList(0, n),
                Arrays.copyOf(margins, n), labels.subList(0, n));
    }

    @Override
    public List<List<String>> answerColumns() {
        return List.of(chosen, rejected);
    }
}
