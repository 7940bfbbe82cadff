package org.align4j.reward.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.eval.RatingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic BERT regressor: MSE on thumbs ratings. */
class RatingsTrainingTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void pointwiseTrainingOnRatingsLowersTheMseAndCorrelatesWithTheThumbs() {
        RewardTrainingConfig cfg = TinyRuns.config(tmp, "ratings", "train.max_steps=60", "train.eval_every=30");
        try (TinyRuns.Fixture f = TinyRuns.fixture(cfg, out)) {
            f.task().evaluate();
            RatingReport start = (RatingReport) f.task().lastReport();
            TrainingResult r = new TrainingLoop(cfg.train(), f.task(), cfg.toYaml(), new StopSignal(), out).run();
            RatingReport end = (RatingReport) f.task().lastReport();
            assertThat(end.mse()).as(log.toString()).isLessThan(0.6 * start.mse()).isEqualTo(r.lastEvalLoss());
            assertThat(end.pearson()).as(log.toString()).isGreaterThan(0.8).isGreaterThan(start.pearson());
            assertThat(end.spearman()).isGreaterThan(0.7);
            // thumbs-down answers fill the low-score bucket, thumbs-up ones the high-score bucket
            assertThat(end.calibration().get(0).positiveRate()).isLessThan(0.2);
            assertThat(end.calibration().get(end.calibration().size() - 1).positiveRate()).isGreaterThan(0.8);
        }
    }
}
