package org.align4j.ppo.grpo;

import java.io.PrintStream;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.RunConfigLoader;

/**
 * GRPO and RLOO from Java, for callers such as {@code align grpo}:
 * <pre>{@code
 * GrpoConfig cfg = GrpoConfig.load(Path.of("grpo.yaml"), List.of("grpo.algorithm=rloo"));
 * GrpoResult r = Grpo.run(cfg, new StopSignal(), System.out);
 * r.metrics().evalSeries("eval_reward");          // held-out combined reward, the SFT model's first
 * r.metrics().series("reward_safety");            // one reward component, per iteration
 * }</pre>
 */
public final class Grpo {
    /** The documented example with every key and its default (what {@code align grpo --example} prints). */
    public static final String EXAMPLE_RESOURCE = "/grpo.example.yaml";
    /** The demo-sized configuration chosen on the bundled sample (its model and data paths left to fill in). */
    public static final String DEMO_RESOURCE = "/grpo.demo.yaml";

    private Grpo() {}

    public static String exampleYaml() {
        return BundledText.read(Grpo.class, EXAMPLE_RESOURCE);
    }

    public static String demoYaml() {
        return BundledText.read(Grpo.class, DEMO_RESOURCE);
    }

    /**
     * The demo configuration with {@code overrides} ({@code key=value}; {@code policy} and {@code prompts.train}
     * among them), its reward list's files located: every {@code reward_model} entry reads {@code rewardModel},
     * every {@code safety} entry {@code safetyRules} (the weights stay the file's).
     */
    public static GrpoConfig demoConfig(List<String> overrides, String rewardModel, String safetyRules) {
        GrpoConfig c = GrpoConfig.fromText(demoYaml(), "grpo.demo.yaml", overrides);
        return c.withRewards(c.rewards().stream().map(r -> r.locatedAt(rewardModel, safetyRules)).toList());
    }

    /**
     * Loads the policy, prompts and reward list that {@code cfg} names and runs it; {@code signal} can ask the
     * run to stop at the next iteration (after a checkpoint). The models are released before this returns.
     */
    public static GrpoResult run(GrpoConfig cfg, StopSignal signal, PrintStream out) {
        String yaml = RunConfigLoader.toYaml(cfg);
        try (GrpoParts parts = GrpoSetup.load(cfg)) {
            var in = parts.inputs();
            out.printf("%s: %d training prompts%s, %d answers each; rewards: %s; reference: %s%n",
                    cfg.grpo().algorithm().toUpperCase(java.util.Locale.ROOT), in.trainPrompts().size(),
                    in.evalPrompts() == null ? "" : ", " + in.evalPrompts().size() + " held-out", cfg.grpo().groupSize(),
                    String.join(", ", parts.rewards().terms().stream().map(t -> t.weight() + "·" + t.name()).toList()),
                    in.policy().reference().ownsWeights() ? "a frozen second load of the policy"
                            : "the policy with its LoRA adapters off");
            return new GrpoTrainer(cfg, parts, yaml, signal, out).run();
        }
    }
}
