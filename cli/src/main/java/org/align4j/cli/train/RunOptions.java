package org.align4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.align4j.core.train.StopSignal;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every training command shares ({@code align sft}, {@code dpo}, {@code ppo}, {@code reward train}):
 * a YAML config, {@code --set} overrides, {@code --resume}, {@code --example}, {@code --print-config}; and
 * the Ctrl-C handling that saves a checkpoint and exits 130.
 */
public final class RunOptions {
    /** Exit code of a run stopped by Ctrl-C after saving its checkpoint (128 + SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;
    private static final int SHUTDOWN_GRACE_SECONDS = 600;

    @Mixin public ConfigFileOptions config = new ConfigFileOptions();

    @Option(names = "--resume", description = "Continue from the latest checkpoint in train.output_dir.")
    public boolean resume;

    @Mixin public ExampleOption example = new ExampleOption();

    @Option(names = "--print-config", description = "Print the resolved configuration and exit without training.")
    public boolean printConfig;

    /** The {@code --set} overrides, plus {@code train.resume=true} with {@code --resume}. */
    public List<String> overrides() {
        List<String> out = new ArrayList<>(config.sets);
        if (resume) {
            out.add("train.resume=true");
        }
        return out;
    }

    /** The config file; an error telling how to get one when {@code --config} is missing. */
    public Path requireConfig(String command, String exampleName) {
        if (config.file == null) {
            throw new IllegalArgumentException("--config is required (start from: align " + command + " --example > "
                    + exampleName + ")");
        }
        return config.file;
    }

    /**
     * The start every training command shares: with {@code --example} prints the stage's example; otherwise loads
     * {@code --config} with the overrides, prints it as YAML under "configuration (FILE):", and checks it.
     *
     * @return the configuration to train with; empty when the command is done (--example, --print-config)
     */
    public <C> Optional<C> resolve(StageConfig<C> stage) {
        if (example.print(stage.exampleText())) {
            return Optional.empty();
        }
        Path file = requireConfig(stage.command(), stage.exampleName());
        C cfg = stage.load().apply(file, overrides());
        System.out.println("configuration (" + file + "):");
        System.out.print(stage.yaml().apply(cfg).indent(2));
        stage.check().accept(cfg);
        return printConfig ? Optional.empty() : Optional.of(cfg);
    }

    /**
     * A whole training command: {@link #resolve(StageConfig)}, then {@code training} on the configuration.
     *
     * @return {@code training}'s exit code; 0 when the command is done without training (--example, --print-config)
     */
    public <C> int train(StageConfig<C> stage, ToIntFunction<C> training) {
        return resolve(stage).map(training::applyAsInt).orElse(0);
    }

    /**
     * Runs {@code training} with a stop signal that Ctrl-C (SIGINT/SIGTERM) raises, so that the run saves a
     * checkpoint and returns; the hook is removed afterwards.
     */
    public static <T> T withStopSignal(Function<StopSignal, T> training) {
        StopSignal signal = new StopSignal().installShutdownHook(SHUTDOWN_GRACE_SECONDS);
        try {
            return training.apply(signal);
        } finally {
            signal.removeShutdownHook();
        }
    }

    /** 130 for a run stopped by Ctrl-C (after saving), else 0. */
    public static int exitCode(boolean interrupted) {
        return interrupted ? EXIT_INTERRUPTED : 0;
    }
}
