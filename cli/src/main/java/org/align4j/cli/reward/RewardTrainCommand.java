package org.align4j.cli.reward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.align4j.reward.RewardStats;
import org.align4j.reward.config.RewardConfig;
import org.align4j.reward.train.RewardTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align reward train}: trains a BERT reward model on preference pairs or ratings. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a BERT reward model: Bradley-Terry on preference pairs or MSE on ratings, from files "
                + "or a feedback database. Saves an HF BertForSequenceClassification (num_labels 1) with its tokenizer "
                + "and reward_stats.json in OUTPUT_DIR/final.",
            "Start from the documented example (it trains on the bundled sample): align reward train --example > rm.yaml"})
public final class RewardTrainCommand implements Callable<Integer> {
    /** Exit code of a run stopped by Ctrl-C after saving a checkpoint (128 + SIGINT). */
    static final int EXIT_INTERRUPTED = 130;
    private static final long STOP_WAIT_SECONDS = 120;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML run configuration")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config value, e.g. --set train.lr=1e-4 --set data.max_length=128")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "continue from the latest checkpoint in train.output_dir")
    boolean resume;

    @Option(names = "--example", description = "print the documented example configuration and exit")
    boolean example;

    @Option(names = "--print-config", description = "print the resolved configuration and exit without training")
    boolean printConfig;

    @Override
    public Integer call() {
        if (example) {
            System.out.print(RewardConfig.bundled(RewardConfig.EXAMPLE));
            return 0;
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required (start from: align reward train --example > rm.yaml)");
        }
        List<String> overrides = new ArrayList<>(sets);
        if (resume) {
            overrides.add("train.resume=true");
        }
        RewardConfig cfg = RewardConfig.load(config, overrides);
        System.out.println("configuration (" + config + "):");
        System.out.print(cfg.toYaml().indent(2));
        if (printConfig) {
            return 0;
        }
        StopSignal signal = new StopSignal().installShutdownHook(STOP_WAIT_SECONDS);
        RewardTrainer.Result result;
        try {
            result = RewardTrainer.train(cfg, signal, System.out);
        } finally {
            signal.removeShutdownHook();
        }
        TrainingResult t = result.training();
        if (t.interrupted()) {
            return EXIT_INTERRUPTED;
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
