package org.align4j.ppo;

import java.io.PrintStream;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.train.PpoParts;
import org.align4j.ppo.train.PpoResult;
import org.align4j.ppo.train.PpoSetup;
import org.align4j.ppo.train.PpoTrainer;

/**
 * PPO from Java, for callers such as {@code align ppo} and {@code align demo}: load a configuration, run it,
 * read the outcome.
 *
 * <pre>{@code
 * PpoConfig cfg = Ppo.demoConfig(List.of("policy=runs/sft/final", "reward_model=runs/rm/final",
 *         "prompts.train=data/pairs-train.jsonl", "prompts.eval=data/pairs-heldout.jsonl",
 *         "train.output_dir=runs/ppo"));
 * PpoResult r = Ppo.run(cfg, System.out);
 * Path policy = r.finalDir();                                       // the trained policy (HF layout)
 * List<Double> reward = r.metrics().evalSeries("eval_reward");      // held-out reward, before training first
 * List<Double> kl = r.metrics().series("kl");                       // mean KL per answer, per iteration
 * }</pre>
 *
 * {@link PpoConfig#load} reads a file, {@link PpoConfig#fromText} YAML text; both take {@code key=value}
 * overrides. The run writes {@code metrics.jsonl}, {@code samples.jsonl}, checkpoints and {@code final/} into
 * {@code train.output_dir} ({@link PpoResult#runDir()}).
 */
public final class Ppo {
    /** The documented example with every key and its default (what {@code align ppo --example} prints). */
    public static final String EXAMPLE_RESOURCE = "/ppo.example.yaml";
    /** The demo-sized configuration tuned on the bundled sample (its model and data paths left to fill in). */
    public static final String DEMO_RESOURCE = "/ppo.demo.yaml";

    private Ppo() {}

    /** The text of {@link #EXAMPLE_RESOURCE}. */
    public static String exampleYaml() {
        return resource(EXAMPLE_RESOURCE);
    }

    /** The text of {@link #DEMO_RESOURCE}. */
    public static String demoYaml() {
        return resource(DEMO_RESOURCE);
    }

    /**
     * The demo configuration with {@code overrides} ({@code key=value}); {@code policy}, {@code reward_model}
     * and {@code prompts.train} must be among them (the demo file leaves them unset).
     */
    public static PpoConfig demoConfig(List<String> overrides) {
        return PpoConfig.fromText(demoYaml(), "ppo.demo.yaml", overrides);
    }

    /** Runs {@code cfg} to the end; progress lines go to {@code out}. */
    public static PpoResult run(PpoConfig cfg, PrintStream out) {
        return run(cfg, new StopSignal(), out);
    }

    /**
     * Loads the models, prompts and reward model that {@code cfg} names and runs it; {@code signal} can ask
     * the run to stop at the next iteration (after a checkpoint; {@link PpoResult#interrupted()} is then
     * true and {@link PpoResult#finalDir()} null). The models are released before this returns.
     */
    public static PpoResult run(PpoConfig cfg, StopSignal signal, PrintStream out) {
        String yaml = RunConfigLoader.toYaml(cfg);
        try (PpoParts parts = PpoSetup.load(cfg)) {
            out.printf("%d training prompts%s%s; reference: %s%n", parts.trainPrompts().size(),
                    parts.trainPrompts().tooLong() > 0 ? " (" + parts.trainPrompts().tooLong() + " longer than "
                            + "prompts.max_prompt_tokens left out)" : "",
                    parts.evalPrompts() == null ? "" : ", " + parts.evalPrompts().size() + " held-out",
                    parts.policy().reference().ownsWeights() ? "a frozen second load of the policy"
                            : "the policy with its LoRA adapters off");
            return new PpoTrainer(cfg, parts, yaml, signal, out).run();
        }
    }

    private static String resource(String name) {
        return BundledText.read(Ppo.class, name);
    }
}
