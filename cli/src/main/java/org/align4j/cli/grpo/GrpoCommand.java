package org.align4j.cli.grpo;

import java.util.concurrent.Callable;
import org.align4j.cli.train.RlRunEnd;
import org.align4j.cli.train.RunOptions;
import org.align4j.cli.train.StageConfig;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.grpo.Grpo;
import org.align4j.ppo.grpo.GrpoConfig;
import org.align4j.ppo.grpo.GrpoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align grpo}: critic-free RL (GRPO or RLOO) on a weighted list of rewards. */
@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = {"Critic-free RL on a weighted list of rewards (reward model, red-flag safety rules, length,",
            "format): GRPO (group-normalised advantages, Shao et al. 2024; Dr. GRPO options) or RLOO",
            "(leave-one-out baseline, Ahmadian et al. 2024) with algorithm: rloo. G answers per prompt, clipped",
            "ratio loss, KL to the frozen SFT policy as a k3 loss term or in the reward. Metrics (each reward",
            "component separately) in OUT/metrics.jsonl and OUT/tensorboard/, sample answers in OUT/samples.jsonl;",
            "checkpoints with exact --resume. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align grpo --example > grpo.yaml"})
public final class GrpoCommand implements Callable<Integer> {
    private static final StageConfig<GrpoConfig> CONFIG = new StageConfig<>("grpo", "grpo.yaml", Grpo::exampleYaml,
            GrpoConfig::load, RunConfigLoader::toYaml);

    @Mixin RunOptions run;

    @Override
    public Integer call() {
        return run.train(CONFIG, GrpoCommand::train);
    }

    private static int train(GrpoConfig cfg) {
        GrpoResult r = RunOptions.withStopSignal(signal -> Grpo.run(cfg, signal, System.out));
        return RlRunEnd.report(r, "combined reward", "");
    }
}
