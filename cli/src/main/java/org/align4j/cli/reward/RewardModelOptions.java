package org.align4j.cli.reward;

import java.nio.file.Path;
import org.align4j.reward.RewardScorer;
import picocli.CommandLine.Option;

/**
 * The reward-model options {@code align reward score} and {@code align reward eval} share, and the scorer
 * they open: prompt/response inputs fitted to the length the model was trained with unless told otherwise.
 */
final class RewardModelOptions {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "reward model directory")
    Path model;

    @Option(names = "--max-length", paramLabel = "N",
            description = "tokens per prompt/response input (default: the model_max_length it was trained with)")
    Integer maxLength;

    @Option(names = "--truncate-answers", description = "cut answers that do not fit instead of failing")
    boolean truncateAnswers;

    /** The model's scorer with {@code batchSize} inputs per forward pass. */
    RewardScorer open(int batchSize) {
        int length = maxLength != null ? maxLength : RewardScorer.savedMaxLength(model);
        return RewardScorer.load(model, length, truncateAnswers, batchSize);
    }
}
