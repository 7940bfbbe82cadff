package org.align4j.cli.ppo;

import java.util.concurrent.Callable;
import org.align4j.cli.train.RlRunEnd;
import org.align4j.cli.train.RunOptions;
import org.align4j.cli.train.StageConfig;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.Ppo;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.train.PpoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align ppo}: PPO with a KL penalty against the frozen starting policy, scored by a reward model. */
@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = {"PPO on a reward model's scores with a KL penalty against the frozen SFT policy",
            "(Ziegler et al. 2019; Ouyang et al. 2022): rollouts, GAE, clipped policy and value losses, fixed or",
            "adaptive KL coefficient. Metrics in OUT/metrics.jsonl and OUT/tensorboard/, sample answers in",
            "OUT/samples.jsonl; checkpoints with exact --resume. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align ppo --example > ppo.yaml"})
public final class PpoCommand implements Callable<Integer> {
    private static final StageConfig<PpoConfig> CONFIG = new StageConfig<>("ppo", "ppo.yaml", Ppo::exampleYaml,
            PpoConfig::load, RunConfigLoader::toYaml);

    @Mixin RunOptions run;

    @Override
    public Integer call() {
        return run.train(CONFIG, PpoCommand::train);
    }

    private static int train(PpoConfig cfg) {
        PpoResult r = RunOptions.withStopSignal(signal -> Ppo.run(cfg, signal, System.out));
        return RlRunEnd.report(r, "reward", String.format(" (target %.4f)", cfg.kl().target()));
    }
}
