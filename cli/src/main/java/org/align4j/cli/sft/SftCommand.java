package org.align4j.cli.sft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.sft.SftConfig;
import org.align4j.sft.SftTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align sft}: supervised fine-tuning, full or LoRA, with checkpoints, exact resume and metrics. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = {"Supervised fine-tuning of a causal LM (GPT-2, Llama, Qwen2) on SFT data, full or with LoRA.",
            "Loss on response tokens only; validation loss and perplexity; checkpoints with exact --resume;",
            "metrics in OUT/metrics.jsonl and OUT/tensorboard/. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align sft --example > sft.yaml"})
public final class SftCommand implements Callable<Integer> {
    /** Exit code of a run stopped by Ctrl-C after saving (128 + SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--config", paramLabel = "FILE", description = "Run configuration (YAML or JSON).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration field, e.g. --set train.lr=1e-4 --set lora=null (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "Continue from the latest checkpoint in train.output_dir.")
    boolean resume;

    @Option(names = "--example", description = "Print the documented example configuration and exit.")
    boolean example;

    @Option(names = "--print-config", description = "Print the resolved configuration and exit without training.")
    boolean printConfig;

    @Override
    public Integer call() {
        if (example) {
            System.out.print(exampleYaml());
            return 0;
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required (start from: align sft --example > sft.yaml)");
        }
        List<String> overrides = new ArrayList<>(sets);
        if (resume) {
            overrides.add("train.resume=true");
        }
        SftConfig cfg = RunConfigLoader.load(config, overrides, SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        System.out.println("configuration (" + config + "):");
        System.out.print(RunConfigLoader.toYaml(cfg).indent(2));
        if (printConfig) {
            cfg.requireComplete();
            return 0;
        }
        SftTrainer trainer = new SftTrainer(cfg);
        StopSignal signal = new StopSignal().installShutdownHook(600);
        try {
            TrainingResult r = trainer.run(signal, System.out);
            return r.interrupted() ? EXIT_INTERRUPTED : 0;
        } finally {
            signal.removeShutdownHook();
        }
    }

    static String exampleYaml() {
        try (InputStream in = SftConfig.class.getResourceAsStream("/sft.example.yaml")) {
            if (in == null) {
                throw new IllegalStateException("sft.example.yaml is missing from the sft jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
