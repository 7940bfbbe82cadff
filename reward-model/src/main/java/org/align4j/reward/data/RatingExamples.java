package org.align4j.reward.data;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.Rating;

/**
 * Rated answers as the reward model reads them.
 *
 * @param prompts the prompt texts ({@link PromptText})
 * @param responses the rated answers
 * @param targets the regression targets: {@link Rating#normalizedScore()}, so thumbs (0/1) and 1–5 scores
 *     ({@code (s − 1) / 4}) share one scale in [0, 1]
 * @param labels how errors name each rating: its id, else its position and file
 */
public record RatingExamples(List<String> prompts, List<String> responses, float[] targets, List<String> labels)
        implements RewardExamples {

    public RatingExamples {
        prompts = List.copyOf(prompts);
        responses = List.copyOf(responses);
        labels = List.copyOf(labels);
        int n = prompts.size();
        if (responses.size() != n || targets.length != n || labels.size() != n) {
            throw new IllegalArgumentException("rating examples of different lengths: " + n + " prompts, "
                    + responses.size() + " responses, " + targets.length + " targets, " + labels.size() + " labels");
        }
    }

    /** The ratings of {@code source} (a file name, for labels). */
    public static RatingExamples of(List<Rating> ratings, String source) {
        return of(ratings, RewardExamples.labels(ratings, Rating::id, source));
    }

    /** The ratings, each named in errors by its label. */
    public static RatingExamples of(List<Rating> ratings, List<String> labels) {
        List<String> p = new ArrayList<>();
        List<String> a = new ArrayList<>();
        float[] t = new float[ratings.size()];
        for (int i = 0; i < ratings.size(); i++) {
            Rating r = ratings.get(i);
            p.add(PromptText.of(r.prompt()));
            a.add(r.response());
            t[i] = (float) r.normalizedScore();
        }
        return new RatingExamples(p, a, t, labels);
    }

    @Override
    public List<List<String>> answerColumns() {
        return List.of(responses);
    }
}
