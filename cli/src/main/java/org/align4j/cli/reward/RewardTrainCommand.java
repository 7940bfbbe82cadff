package org.align4j.cli.reward;

import java.util.concurrent.Callable;
import org.align4j.cli.train.RunOptions;
import org.align4j.cli.train.StageConfig;
import org.align4j.core.train.TrainingResult;
import org.align4j.reward.RewardStats;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.train.RewardTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align reward train}: trains a BERT reward model on preference pairs or ratings. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a BERT reward model: Bradley-Terry on preference pairs or MSE on ratings, from files "
                + "or a feedback database. Saves an HF BertForSequenceClassification (num_labels 1) with its tokenizer "
                + "and reward_stats.json in OUTPUT_DIR/final.",
            "Start from the documented example (it trains on the bundled sample): align reward train --example > rm.yaml"})
public final class RewardTrainCommand implements Callable<Integer> {
    private static final StageConfig<RewardTrainingConfig> CONFIG = new StageConfig<>("reward train", "rm.yaml",
            () -> RewardTrainingConfig.bundled(RewardTrainingConfig.EXAMPLE), RewardTrainingConfig::load,
            RewardTrainingConfig::toYaml);

    @Mixin RunOptions run;

    @Override
    public Integer call() {
        return run.train(CONFIG, RewardTrainCommand::train);
    }

    private static int train(RewardTrainingConfig cfg) {
        RewardTrainer.Result result = RunOptions.withStopSignal(signal -> RewardTrainer.train(cfg, signal, System.out));
        TrainingResult t = result.training();
        if (t.interrupted()) {
            return RunOptions.EXIT_INTERRUPTED;
        }
        System.out.printf("trained %d steps in %.0f s%s%n", t.steps(), t.seconds(),
                t.firstEvalLoss() == null ? "" : String.format("; eval loss %.4f -> %.4f", t.firstEvalLoss(),
                        t.lastEvalLoss()));
        if (result.finalReport() != null) {
            System.out.print(result.finalReport().format());
        }
        RewardStats stats = RewardStats.read(t.finalDir());
        System.out.printf("reward stats over the training answers: mean %.4f, std %.4f (%d answers)%n", stats.mean(),
                stats.std(), stats.count());
        System.out.println("saved " + t.finalDir() + "; metrics in " + t.finalDir().getParent().resolve("metrics.jsonl"));
        return 0;
    }
}
