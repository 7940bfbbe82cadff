package org.align4j.cli.sft;

import org.align4j.core.train.config.BundledText;
import java.util.concurrent.Callable;
import org.align4j.cli.train.RunOptions;
import org.align4j.cli.train.StageConfig;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.sft.SftConfig;
import org.align4j.sft.SftTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align sft}: supervised fine-tuning, full or LoRA, with checkpoints, exact resume and metrics. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = {"Supervised fine-tuning of a causal LM (GPT-2, Llama, Qwen2) on SFT data, full or with LoRA.",
            "Loss on response tokens only; validation loss and perplexity; checkpoints with exact --resume;",
            "metrics in OUT/metrics.jsonl and OUT/tensorboard/. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align sft --example > sft.yaml"})
public final class SftCommand implements Callable<Integer> {
    private static final StageConfig<SftConfig> CONFIG = new StageConfig<>("sft", "sft.yaml", SftCommand::exampleYaml,
            (config, overrides) -> RunConfigLoader.load(config, overrides, SftConfig.class, SftConfig.defaults(),
                    SftConfig.sectionDefaults()), RunConfigLoader::toYaml, SftConfig::requireComplete);

    @Mixin RunOptions run;

    @Override
    public Integer call() {
        return run.train(CONFIG, cfg -> {
            SftTrainer trainer = new SftTrainer(cfg);
            return RunOptions.exitCode(RunOptions.withStopSignal(signal -> trainer.run(signal, System.out)).interrupted());
        });
    }

    static String exampleYaml() {
        return BundledText.read(SftConfig.class, "/sft.example.yaml");
    }
}
