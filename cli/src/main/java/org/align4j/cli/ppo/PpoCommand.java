package org.align4j.cli.ppo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.Ppo;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.train.PpoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align ppo}: PPO with a KL penalty against the frozen starting policy, scored by a reward model. */
@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = {"PPO on a reward model's scores with a KL penalty against the frozen SFT policy",
            "(Ziegler et al. 2019; Ouyang et al. 2022): rollouts, GAE, clipped policy and value losses, fixed or",
            "adaptive KL coefficient. Metrics in OUT/metrics.jsonl and OUT/tensorboard/, sample answers in",
            "OUT/samples.jsonl; checkpoints with exact --resume. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align ppo --example > ppo.yaml"})
public final class PpoCommand implements Callable<Integer> {
    /** Exit code of a run stopped by Ctrl-C after saving (128 + SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--config", paramLabel = "FILE", description = "Run configuration (YAML or JSON).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration field, e.g. --set kl.target=3 --set lora=null (repeatable).")
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
            System.out.print(Ppo.exampleYaml());
            return 0;
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required (start from: align ppo --example > ppo.yaml)");
        }
        List<String> overrides = new ArrayList<>(sets);
        if (resume) {
            overrides.add("train.resume=true");
        }
        PpoConfig cfg = PpoConfig.load(config, overrides);
        String yaml = RunConfigLoader.toYaml(cfg);
        System.out.println("configuration (" + config + "):");
        System.out.print(yaml.indent(2));
        if (printConfig) {
            return 0;
        }
        StopSignal signal = new StopSignal().installShutdownHook(600);
        try {
            PpoResult r = Ppo.run(cfg, signal, System.out);
            if (r.firstEvalReward() != null) {
                System.out.printf("held-out reward: %.4f before, %.4f after; held-out KL %.4f (target %.4f)%n",
                        r.firstEvalReward(), r.lastEvalReward(), r.lastEvalKl(), cfg.kl().target());
            }
            System.out.printf("time: generation %.1f s, scoring %.1f s, training %.1f s%n", r.generationSeconds(),
                    r.scoringSeconds(), r.trainingSeconds());
            if (r.finalDir() != null) {
                System.out.println("policy saved to " + r.finalDir());
            }
            return r.interrupted() ? EXIT_INTERRUPTED : 0;
        } finally {
            signal.removeShutdownHook();
        }
    }
}
